from django.urls import path

from . import views

app_name = "provinces"

urlpatterns = [
    path("", views.commune_list, name="commune_list"),
    path("communes/new/", views.commune_create, name="commune_create"),
    path("communes/merge/", views.commune_merge, name="commune_merge"),
    path("communes/<int:pk>/", views.commune_detail, name="commune_detail"),
    path("communes/<int:pk>/edit/", views.commune_edit, name="commune_edit"),
    path("communes/<int:pk>/clerk/invite/", views.clerk_invite, name="clerk_invite"),
    path("communes/<int:pk>/clerk/<int:person_pk>/resend/", views.clerk_resend, name="clerk_resend"),
    path("profile/", views.province_edit, name="province_edit"),
    path("operators/", views.operator_list, name="operator_list"),
    path("import/", views.import_upload, name="import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("year/", views.province_year_view, name="province_year"),
    path("year/workbook.xlsx", views.province_year_workbook, name="province_year_workbook"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
]
