from . import decision_views, views

app_name = "awards"

# The catalogue (rule sets and titles), nominations, meetings and ballots (views), decisions (decision_views).
urlpatterns = views.urlpatterns + decision_views.urlpatterns
