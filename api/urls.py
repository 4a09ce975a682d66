"""/api/: the schema, its documentation page, and the endpoints (one router; each area registers its viewsets)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import directory

app_name = "api"

router = SimpleRouter()
router.register("communes", directory.CommuneViewSet, basename="commune")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI: the split view's start-up script comes from a URL of its own (?script), and the template drops
    # drf-spectacular's inline <style>, so the page needs no exception to the Content Security Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
         name="docs"),
    path("", include(router.urls)),
]
