from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("ledger.xlsx", views.ledger_xlsx, name="ledger_xlsx"),
    path("entries/new/", views.entry_create, name="entry_create"),
    path("entries/<int:pk>/reverse/", views.entry_reverse, name="entry_reverse"),
]
