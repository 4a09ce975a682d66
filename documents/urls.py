from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.register, name="register"),
    path("recipients/", views.recipients, name="recipients"),
    path("recipients/<str:doc_type>/", views.recipient_edit, name="recipient_edit"),
    path("recipients/<str:doc_type>/clear/", views.recipient_clear, name="recipient_clear"),
]
