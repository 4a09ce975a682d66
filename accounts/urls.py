from django.urls import path

from . import import_views, views

app_name = "accounts"

urlpatterns = [
    path("locked/", views.locked_list, name="locked_list"),
    path("locked/<int:user_id>/unlock/", views.unlock, name="unlock"),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/", views.person_account, name="person"),
    path("people/<int:pk>/resend/", views.resend, name="resend"),
    path("people/<int:pk>/deactivate/", views.deactivate, name="deactivate"),
    path("people/<int:pk>/reactivate/", views.reactivate, name="reactivate"),
    path("people/<int:pk>/roles/grant/", views.role_grant, name="role_grant"),
    path("people/<int:pk>/roles/revoke/", views.role_revoke, name="role_revoke"),
    path("people/<int:pk>/units/lead/", views.unit_lead, name="unit_lead"),
    path("people/<int:pk>/units/<int:unit_pk>/leave/", views.unit_leave, name="unit_leave"),
    # The office's import of units, people and accounts from the portal's Excel template.
    path("import/", import_views.import_upload, name="import"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("invitation/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path("invitation/done/", views.invitation_done, name="invitation_done"),
]
