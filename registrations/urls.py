from . import exchange_views, initiative_views, views

app_name = "registrations"

# Three modules, one per part of the work: registrations and their workflow; initiatives and the writing contest;
# exchange with the cluster and the town (Excel summary, import, registration form PDF).
urlpatterns = views.urlpatterns + initiative_views.urlpatterns + exchange_views.urlpatterns
