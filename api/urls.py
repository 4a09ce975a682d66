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
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
]
