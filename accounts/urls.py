from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("locked/", views.locked_list, name="locked_list"),
    path("locked/<int:user_id>/unlock/", views.unlock, name="unlock"),
]
