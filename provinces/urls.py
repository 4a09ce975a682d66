from django.urls import path

from funds import views as fund_views

from . import cluster_views, decision_views, dossier_views, views

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
    path("dossiers/call/", views.call_edit, name="call_edit"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("clusters/", cluster_views.cluster_list, name="cluster_list"),
    path("clusters/new/", cluster_views.cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/", cluster_views.cluster_detail, name="cluster_detail"),
    path("clusters/<int:pk>/edit/", cluster_views.cluster_edit, name="cluster_edit"),
    path("clusters/<int:pk>/ranking/", cluster_views.cluster_ranking, name="cluster_ranking"),
    path("decisions/", decision_views.decision_list, name="decision_list"),
    path("decisions/new/", decision_views.decision_create, name="decision_create"),
    path("decisions/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/issue/", decision_views.decision_issue, name="decision_issue"),
    path("decisions/<int:pk>/decision.pdf", decision_views.decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/certificates.pdf", decision_views.decision_certificates, name="decision_certificates"),
    path("decisions/<int:pk>/decision.docx", decision_views.decision_docx, name="decision_docx"),
    path("decisions/<int:pk>/certificates.docx", decision_views.decision_certificates_docx,
         name="decision_certificates_docx"),
    # The province's award fund (funds.views).
    path("fund/", fund_views.province_ledger, name="fund"),
    path("fund/ledger.xlsx", fund_views.province_ledger_xlsx, name="fund_xlsx"),
    path("fund/entries/new/", fund_views.province_entry_create, name="fund_entry_create"),
    path("fund/entries/<int:pk>/reverse/", fund_views.province_entry_reverse, name="fund_entry_reverse"),
    path("dossiers/", dossier_views.dossier_inbox, name="dossier_inbox"),
    path("dossiers/<int:pk>/", dossier_views.operator_dossier_detail, name="dossier_detail"),
    path("dossiers/<int:pk>/receive/", dossier_views.dossier_receive, name="dossier_receive"),
    path("dossiers/<int:pk>/return/", dossier_views.dossier_return, name="dossier_return"),
    path("dossiers/<int:pk>/accept/", dossier_views.dossier_accept, name="dossier_accept"),
    path("dossiers/<int:pk>/files/<int:item_pk>/", dossier_views.dossier_file, name="dossier_file"),
    path("dossiers/<int:pk>/documents/<int:document_pk>.pdf", dossier_views.dossier_document,
         name="dossier_document"),
]
