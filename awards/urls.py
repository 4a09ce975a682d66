from . import decision_views, history_views, meeting_views, nomination_views, views

app_name = "awards"

# The catalogue (views), nominations and dossiers, meetings and ballots, decisions and their documents.
urlpatterns = (views.urlpatterns + nomination_views.urlpatterns + meeting_views.urlpatterns
               + decision_views.urlpatterns + history_views.urlpatterns)
