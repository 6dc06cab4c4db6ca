from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views
from .reference import api_reference

app_name = "api"

router = DefaultRouter()
router.register("statements", views.StatementViewSet, basename="statement")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("countries", views.CountryViewSet, basename="country")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("summits", views.SummitViewSet, basename="summit")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("reference/", api_reference, name="reference"),
    path("", include(router.urls)),
]
