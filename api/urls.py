"""/api/: the schema, its documentation page, and the endpoints (one router; each area registers its viewsets)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import campaigns, decisions, directory, dossiers, files, nominations, registrations

app_name = "api"

router = SimpleRouter()
router.register("communes", directory.CommuneViewSet, basename="commune")
router.register("units", directory.UnitViewSet, basename="unit")
router.register("plans", campaigns.PlanViewSet, basename="plan")
router.register("campaigns", campaigns.CampaignViewSet, basename="campaign")
router.register("tasks", campaigns.TaskViewSet, basename="task")
router.register("registrations", registrations.RegistrationViewSet, basename="registration")
router.register("nominations", nominations.NominationViewSet, basename="nomination")
router.register("dossiers", dossiers.DossierViewSet, basename="dossier")
router.register("decisions", decisions.DecisionViewSet, basename="decision")
router.register("province-decisions", decisions.ProvinceDecisionViewSet, basename="province-decision")
router.register("awards", decisions.AwardViewSet, basename="award")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI: the split view's start-up script comes from a URL of its own (?script), and the template drops
    # drf-spectacular's inline <style>, so the page needs no exception to the Content Security Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
         name="docs"),
    path("files/<str:token>/", files.SignedFileView.as_view(), name="file"),
    path("", include(router.urls)),
]
