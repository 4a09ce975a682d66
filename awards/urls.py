from . import certificate_views, decision_views, history_views, meeting_views, nomination_views, views

app_name = "awards"

# The catalogue (views), nominations and dossiers, meetings and ballots, decisions and their documents, printing
# certificates on blanks.
urlpatterns = (views.urlpatterns + nomination_views.urlpatterns + meeting_views.urlpatterns
               + decision_views.urlpatterns + certificate_views.urlpatterns + history_views.urlpatterns)
