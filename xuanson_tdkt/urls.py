from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.forms import OutboxPasswordResetForm
from api.page_urls import commune_urls as api_commune_urls, province_urls as api_province_urls
from health.views import health

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.PortalLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    # "Forgot password": Django's views, the e-mail through the outbox (accounts/forms.py).
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(
        form_class=OutboxPasswordResetForm, email_template_name="registration/password_reset_email.txt"),
        name="password_reset"),
    path("accounts/password/reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/password/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/password/reset/done/", auth_views.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("accounts/", include("accounts.urls")),
    path("plans/", include("campaigns.urls")),
    path("timeline/", include("timeline.urls")),
    path("registrations/", include("registrations.urls")),
    path("awards/", include("awards.urls")),
    path("notifications/", include("notifications.urls")),
    path("directory/", include("directory.urls")),
    path("documents/", include("documents.urls")),
    path("province/", include("provinces.urls")),
    # The API's client systems: the province's (its operators) and a commune's (its office).
    path("province/connections/", include(api_province_urls)),
    path("connections/", include(api_commune_urls)),
    path("dossiers/", include("provinces.commune_urls")),
    path("scoring/", include("scoring.urls")),
    path("public/", include("disclosure.urls")),
    path("reports/", include("reports.urls")),
    path("funds/", include("funds.urls")),
    path("history/", include("audit.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
]
