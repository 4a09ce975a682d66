"""The commune's side of the dossiers sent up to its province (mounted at /dossiers/)."""

from django.urls import path

from . import dossier_views as views

app_name = "dossiers"

urlpatterns = [
    path("", views.dossier_list, name="dossier_list"),
    path("send/<int:pk>/", views.dossier_send, name="dossier_send"),
    path("<int:pk>/", views.dossier_detail, name="dossier_detail"),
]
