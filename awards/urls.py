from . import views

app_name = "awards"

# The catalogue (rule sets and titles); scoring, nominations, ballots and decisions add their own views here.
urlpatterns = views.urlpatterns
