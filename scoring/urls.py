from django.urls import path

from . import views

app_name = "scoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("clusters/<int:pk>/", views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/open/", views.open_sheets, name="open_sheets"),
    path("clusters/<int:pk>/assignments/", views.assignments, name="assignments"),
    path("clusters/<int:pk>/criteria/", views.criteria, name="criteria"),
    path("clusters/<int:pk>/criteria/new/", views.criterion_create, name="criterion_create"),
    path("clusters/<int:pk>/criteria/copy/", views.criteria_copy, name="criteria_copy"),
    path("criteria/<int:pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/delete/", views.criterion_delete, name="criterion_delete"),
    path("clusters/<int:pk>/leaderboard/", views.leaderboard, name="leaderboard"),
    path("clusters/<int:pk>/leaderboard.xlsx", views.leaderboard_xlsx, name="leaderboard_xlsx"),
    path("clusters/<int:pk>/leaderboard.pdf", views.leaderboard_pdf_view, name="leaderboard_pdf"),
    path("sheets/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("sheets/<int:pk>/self/", views.sheet_self, name="sheet_self"),
    path("sheets/<int:pk>/cross/", views.sheet_cross, name="sheet_cross"),
    path("sheets/<int:pk>/explain/", views.sheet_explain, name="sheet_explain"),
    path("sheets/<int:pk>/review/", views.sheet_review, name="sheet_review"),
    path("sheets/<int:pk>/sheet.xlsx", views.sheet_xlsx, name="sheet_xlsx"),
    path("sheets/<int:pk>/sheet.pdf", views.sheet_pdf_view, name="sheet_pdf"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
