"""sitemap.xml: every public page, in each language, with its other language as an
alternate (`i18n`, `alternates`: Django lists each item once per language)."""

from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from .models import Country, Organisation, Speaker, Statement, Summit, Topic


class Sitemap(DjangoSitemap):
    i18n = True
    alternates = True


class StatementSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10_000

    def items(self):
        return Statement.objects.published().order_by("id").only("id", "updated_at")

    def lastmod(self, statement):
        return statement.updated_at


class EntitySitemap(Sitemap):
    """Pages of speakers, countries, summits, topics and organisations with published statements."""

    changefreq = "weekly"

    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        return self.model.objects.with_pages().order_by("slug")


class IndexSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return [
            "statements:home",
            "statements:list",
            "statements:speakers",
            "statements:countries",
            "statements:summits",
            "statements:topics",
            "statements:organisations",
            "statements:corrections",
        ]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": IndexSitemap,
    "statements": StatementSitemap,
    "speakers": EntitySitemap(Speaker),
    "countries": EntitySitemap(Country),
    "summits": EntitySitemap(Summit),
    "topics": EntitySitemap(Topic),
    "organisations": EntitySitemap(Organisation),
}
