from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/new/", views.unit_edit, name="unit_create"),
    path("units/merge/", views.unit_merge, name="unit_merge"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_edit, name="person_create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
]
