"""The commune's side of what passes between it and its province (mounted at /dossiers/)."""

from django.urls import path

from . import decision_views

app_name = "dossiers"

urlpatterns = [
    path("decisions/<int:pk>/decision.pdf", decision_views.commune_decision_pdf, name="decision_pdf"),
]
