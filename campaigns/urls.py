from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/copy/", views.plan_copy, name="plan_copy"),
    path("<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("<int:pk>/review/", views.plan_review, name="plan_review"),
    path("findings/<int:pk>/review/", views.finding_review, name="finding_review"),
    path("<int:pk>/docx/", views.plan_docx, name="plan_docx"),
    path("<int:plan_pk>/sections/new/", views.section_create, name="section_create"),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("sections/<int:section_pk>/paragraphs/new/", views.paragraph_create, name="paragraph_create"),
    path("paragraphs/<int:pk>/edit/", views.paragraph_edit, name="paragraph_edit"),
    path("paragraphs/<int:pk>/delete/", views.paragraph_delete, name="paragraph_delete"),
    path("paragraphs/<int:pk>/move/", views.paragraph_move, name="paragraph_move"),
    path("<int:plan_pk>/campaigns/", views.campaign_list, name="campaign_list"),
    path("<int:plan_pk>/campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="campaign_edit"),
    path("campaigns/<int:pk>/delete/", views.campaign_delete, name="campaign_delete"),
    path("campaigns/<int:pk>/move/", views.campaign_move, name="campaign_move"),
]
