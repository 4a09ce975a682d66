from django.urls import path

from . import views

app_name = "disclosure"

# The office's pages come first: a commune's slug is never "office".
urlpatterns = [
    path("office/", views.disclosure_list, name="list"),
    path("office/new/", views.disclosure_create, name="create"),
    path("office/<int:pk>/", views.disclosure_detail, name="detail"),
    path("office/<int:pk>/withdraw/", views.disclosure_withdraw, name="withdraw"),
    path("office/feedback/<int:pk>/", views.feedback_handle, name="feedback_handle"),
    path("<slug:slug>/", views.public_index, name="public_index"),
    path("<slug:slug>/<int:pk>/feedback/", views.public_feedback, name="public_feedback"),
    path("<slug:slug>/honour/<int:year>/", views.honour_board, name="honour_board"),
    # The page a certificate's QR code leads to; the token (awards.models.new_verification_token) is its key.
    path("<slug:slug>/verify/<slug:token>/", views.certificate_verify, name="certificate_verify"),
]
