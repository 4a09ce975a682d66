"""The commune's side of what passes between it and its province (mounted at /dossiers/): the dossiers it sends up
and the province's decisions on them."""

from django.urls import path

from . import decision_views, dossier_views as views

app_name = "dossiers"

urlpatterns = [
    path("decisions/<int:pk>/decision.pdf", decision_views.commune_decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/decision.docx", decision_views.commune_decision_docx, name="decision_docx"),
    path("", views.dossier_list, name="dossier_list"),
    path("send/<int:pk>/", views.dossier_send, name="dossier_send"),
    path("<int:pk>/", views.dossier_detail, name="dossier_detail"),
    path("nothing-to-send/", views.nothing_declare, name="nothing_declare"),
    path("nothing-to-send/<int:pk>/withdraw/", views.nothing_withdraw, name="nothing_withdraw"),
]
