from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from statements.sitemaps import SITEMAPS
from statements.views import favicon, healthz, robots_txt

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("healthz", healthz, name="healthz"),
    path("api/", include("statements.api.urls")),
]
# The public pages, each in French and English: /fr/…, /en/… (archive/languages.py).
urlpatterns += i18n_patterns(path("", include("statements.urls")))
