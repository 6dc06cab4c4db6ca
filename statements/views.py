"""Public pages. Only published statements appear anywhere in them (see statement_detail
for the one exception: a retracted statement's permalink says it was retracted)."""

import json
from collections import defaultdict
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import F, OuterRef, Q
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import citations, share_cards
from .facets import most_statements, published_counts, with_statement_counts
from .feeds import CorrectionsFeed
from .filters import SpeakerFilter
from .listing import render_listing
from .models import (
    Correction,
    Country,
    Organisation,
    Speaker,
    Statement,
    StatementLink,
    SubqueryCount,
    Summit,
    Topic,
    words_in,
)
from .suggest import suggestions

HOME_PAGE_SIZE = 20
HOME_ENTRY_POINTS = 8  # summits, countries and topics listed on the home page
ENTITY_PAGE_SIZE = 100  # rows a page of the lists of speakers, countries, summits…


def home(request):
    """What the archive is, its totals, the latest statements, and ways in: the latest
    summits, the countries and topics with the most statements."""
    published = Statement.objects.published()
    context = {
        "statements": published.with_card_relations().latest_first()[:HOME_PAGE_SIZE],
        "totals": {
            "statements": published.count(),
            "speakers": Speaker.objects.public().count(),
            "countries": Country.objects.public().count(),
        },
        "summits": Summit.objects.public().order_by(F("start_date").desc(nulls_last=True), "name_as_recorded")[
            :HOME_ENTRY_POINTS
        ],
        "countries": most_statements(Country.objects.all(), "country", request, HOME_ENTRY_POINTS),
        "topics": most_statements(Topic.objects.all(), "topic", request, HOME_ENTRY_POINTS),
        "feed_url": reverse("statements:list") + "?format=atom",
    }
    return render(request, "statements/home.html", context)


def statement_list(request):
    return render_listing(request, "statements/statement_list.html", Statement.objects.all(), title=_("Statements"))


def statement_detail(request, pk: int):
    """A statement's permalink.

    The public sees published and retracted statements (the latter with the reason and
    without the text presented as current); drafts and statements in review are 404 for
    everyone but logged-in staff, who get a preview.
    """
    visible = Statement.objects.with_card_relations().prefetch_related("topics")
    if not request.user.is_staff:
        visible = visible.on_record()
    statement = get_object_or_404(visible, pk=pk)

    related = Statement.objects.published().with_card_relations().exclude(pk=statement.pk).latest_first()
    # Every report, the display report first, each with its source and provenance chain.
    reports = statement.reports.select_related("source__outlet", "source__reported_in__outlet").order_by(
        "-is_display", F("source__published_on").asc(nulls_last=True), "position", "id"
    )
    public_links = StatementLink.objects.filter(
        Q(from_statement=statement, to_statement__status=Statement.Status.PUBLISHED)
        | Q(to_statement=statement, from_statement__status=Statement.Status.PUBLISHED)
    ).select_related("source__outlet")

    def other_end(link):
        return link.to_statement_id if link.from_statement_id == statement.pk else link.from_statement_id

    linked_cards = Statement.objects.with_card_relations().in_bulk({other_end(link) for link in public_links})
    links = [
        {"link": link, "outgoing": link.from_statement_id == statement.pk, "other": linked_cards[other_end(link)]}
        for link in public_links
    ]
    display = statement.display_report
    sources = [report.source_id for report in reports]
    permalink = request.build_absolute_uri(statement.get_absolute_url())
    topics = list(statement.topics.all())
    # The outlets the sources name: that of a published statement's report has a page by
    # definition; one a source was known through, or a link's source, may have none.
    shown = [source for report in reports for source in report.source.provenance()]
    shown += [source for item in links if item["link"].source for source in item["link"].source.provenance()]
    direct = set(sources) if statement.status == Statement.Status.PUBLISHED else set()
    named = [source.outlet for source in shown if source.pk not in direct]
    if statement.status != Statement.Status.PUBLISHED:  # retracted: its speakers may have nothing else on record
        named += [*(credit.speaker for credit in statement.credit_list), statement.summit, *topics]
    mark_pages(request, named)
    context = {
        "statement": statement,
        "display": display,
        "reports": reports,
        "credits": statement.credit_list,
        "permalink": permalink,
        "citation": citations.plain(statement, permalink, timezone.localdate()),
        "summary": citations.share_summary(statement),
        "card": {
            "url": request.build_absolute_uri(reverse("statements:card", args=[statement.pk])),
            "width": share_cards.WIDTH,
            "height": share_cards.HEIGHT,
        },
        "json_ld": json_for_script(citations.json_ld(statement, permalink)),
        "translations": statement.translations.all(),
        # Beneath the original words, the same in the page's language when the archive has them.
        "in_your_language": words_in([statement], get_language()).get(statement.pk),
        "topics": topics,
        "countries_mentioned": statement.countries_mentioned.all(),
        "corrections": statement.corrections.all(),
        "links": links,
        "same_summit": related.filter(summit=statement.summit_id)[:10] if statement.summit_id else [],
        "same_source": related.reported_from(sources)[:10],
    }
    return render(request, "statements/statement_detail.html", context)


def visible(request, queryset):
    """Reference rows a visitor may open: those with a page (`with_pages`), or any for
    logged-in staff, who preview drafts."""
    return queryset if request.user.is_staff else queryset.with_pages()


def mark_pages(request, rows) -> None:
    """Set `has_page` False on the reference rows a page names (a summit's host and
    participants, a speaker's roles, a retracted statement's speakers, summit and topics,
    the outlets of sources known only through others) that this visitor may not open, so
    that `name_link` names them instead of linking to "not found". One query a model."""
    if request.user.is_staff:
        return
    by_model = defaultdict(list)
    for row in rows:
        if row is not None:
            by_model[type(row)].append(row)
    for model, named in by_model.items():
        with_page = set(
            model.objects.filter(pk__in={row.pk for row in named}).with_pages().values_list("pk", flat=True)
        )
        for row in named:
            row.has_page = row.pk in with_page


def entity_page(request, queryset, name: str, facet: str) -> dict:
    """A page of an entity list, ENTITY_PAGE_SIZE rows, each with its `statement_count`
    (the rows are `facet`'s values): {name: rows, page_obj, paginator}."""
    page = Paginator(queryset, ENTITY_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_statement_counts(page.object_list, facet, request)
    return {name: page.object_list, "page_obj": page, "paginator": page.paginator}


def speaker_list(request):
    speakers = Speaker.objects.public().select_related("country").prefetch_related("roles__country")
    filterset = SpeakerFilter(request.GET, queryset=speakers)
    filterset.form.is_valid()
    context = {"filter": filterset, **entity_page(request, filterset.qs, "speakers", "speaker")}
    return render(request, "statements/speaker_list.html", context)


def speaker_detail(request, slug: str):
    speaker = get_object_or_404(visible(request, Speaker.objects.select_related("country", "organisation")), slug=slug)
    roles = list(speaker.roles.select_related("country", "organisation"))
    named = [
        speaker.country,
        speaker.organisation,
        *(row for role in roles for row in (role.country, role.organisation)),
    ]
    mark_pages(request, named)
    context = {"speaker": speaker, "roles": roles, "aliases": speaker.aliases.all()}
    return render_listing(
        request,
        "statements/speaker_detail.html",
        Statement.objects.by_speakers([speaker]),
        title=speaker.name,
        fixed={"speaker"},
        context=context,
    )


def country_list(request):
    countries = (
        Country.objects.public()
        .annotate(speaker_count=SubqueryCount(Speaker.objects.public().of_country(OuterRef("pk")).values("id")))
        .in_name_order()
    )
    return render(request, "statements/country_list.html", entity_page(request, countries, "countries", "country"))


def country_detail(request, slug: str):
    country = get_object_or_404(visible(request, Country.objects), slug=slug)
    context = {
        "country": country,
        "speakers": Speaker.objects.public().of_country(country),
        "mentioned_in": Statement.objects.published()
        .filter(countries_mentioned=country)
        .with_card_relations()
        .latest_first()[:5],
        "summits": Summit.objects.public()
        .filter(Q(host_country=country) | Q(participant_countries=country))
        .distinct(),
    }
    return render_listing(
        request,
        "statements/country_detail.html",
        Statement.objects.for_countries([country]),
        title=country.name,
        fixed={"country"},
        context=context,
    )


def summit_list(request):
    summits = Summit.objects.public().select_related("host_country")
    return render(request, "statements/summit_list.html", entity_page(request, summits, "summits", "summit"))


def summit_detail(request, slug: str):
    summit = get_object_or_404(visible(request, Summit.objects.select_related("host_country")), slug=slug)
    countries, organisations = list(summit.participant_countries.all()), list(summit.participant_organisations.all())
    mark_pages(request, [summit.host_country, *countries, *organisations])
    context = {"summit": summit, "participant_countries": countries, "participant_organisations": organisations}
    return render_listing(
        request,
        "statements/summit_detail.html",
        summit.statements.all(),
        title=summit.name,
        fixed={"summit"},
        default_sort="oldest",
        context=context,
    )


def topic_list(request):
    topics = Topic.objects.public().in_name_order()
    return render(request, "statements/topic_list.html", entity_page(request, topics, "topics", "topic"))


def topic_detail(request, slug: str):
    topic = get_object_or_404(visible(request, Topic.objects), slug=slug)
    return render_listing(
        request,
        "statements/topic_detail.html",
        topic.statements.all(),
        title=topic.name,
        fixed={"topic"},
        context={"topic": topic},
    )


def organisation_list(request):
    reported = published_counts(request)["outlet"]  # read by the page anyway (entity_page)
    organisations = (
        Organisation.objects.with_pages(outlets=list(reported))
        .select_related("country")
        .annotate(speaker_count=SubqueryCount(Speaker.objects.public().of_organisation(OuterRef("pk")).values("id")))
        .in_name_order()
    )
    page = entity_page(request, organisations, "organisations", "organisation")
    for organisation in page["organisations"]:
        organisation.reported_count = reported.get(organisation.pk, 0)
    return render(request, "statements/organisation_list.html", page)


def organisation_detail(request, slug: str):
    """The statements made on the organisation's behalf; for a news outlet or publisher
    that made none, the statements it reported (an outlet that also speaks, a ministry
    publishing its own communiqués, links to those)."""
    found = visible(request, Organisation.objects.filter(slug=slug).select_related("country"))
    organisation = get_object_or_404(found)
    mark_pages(request, [organisation.country])
    this_one = Organisation.objects.filter(pk=organisation.pk)
    reported = this_one.outlets().exists()
    reported_url = reverse("statements:list") + "?" + urlencode({"outlet": organisation.slug})
    lists_reports = reported and not this_one.public().exists()
    if lists_reports:
        statements, fixed = Statement.objects.reported_by_outlets([organisation]), {"outlet"}
    else:
        statements, fixed = Statement.objects.of_organisations([organisation]), {"organisation"}
    context = {
        "organisation": organisation,
        "speakers": Speaker.objects.public().of_organisation(organisation),
        "lists_reports": lists_reports,
        "reported_url": reported_url if reported else "",
    }
    template = "statements/organisation_detail.html"
    return render_listing(request, template, statements, title=organisation.name, fixed=fixed, context=context)


def corrections(request):
    """Every public correction of a published statement, newest first; `?format=atom` as a feed."""
    notes = Correction.objects.filter(statement__status=Statement.Status.PUBLISHED).select_related("statement")
    if request.GET.get("format") == "atom":
        return CorrectionsFeed(corrections=notes)(request)
    page = Paginator(notes, 50).get_page(request.GET.get("page"))
    statements = Statement.objects.with_card_relations().in_bulk({note.statement_id for note in page})
    for note in page:
        note.card = statements[note.statement_id]
    feed_url = reverse("statements:corrections") + "?format=atom"
    context = {"page_obj": page, "corrections": page.object_list, "feed_url": feed_url}
    return render(request, "statements/corrections.html", context)


def _citable(pk: int) -> Statement:
    """A statement that may be cited: published or retracted (the citation says what was published)."""
    return get_object_or_404(Statement.objects.with_card_relations().on_record(), pk=pk)


def statement_csl(request, pk: int):
    statement = _citable(pk)
    permalink = request.build_absolute_uri(statement.get_absolute_url())
    response = JsonResponse([citations.csl_json(statement, permalink, timezone.localdate())], safe=False)
    response["Content-Type"] = "application/vnd.citationstyles.csl+json; charset=utf-8"
    response["Content-Disposition"] = f'attachment; filename="statement-{statement.pk}.json"'
    return response


def statement_bibtex(request, pk: int):
    statement = _citable(pk)
    permalink = request.build_absolute_uri(statement.get_absolute_url())
    response = HttpResponse(
        citations.bibtex(statement, permalink, timezone.localdate()), content_type="application/x-bibtex; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="statement-{statement.pk}.bib"'
    return response


def statement_card(request, pk: int):  # noqa: ARG001 — a view's signature
    """The statement's share card (statements/share_cards.py), made once per version."""
    statement = _citable(pk)
    key = f"share-card:{statement.pk}:{statement.version}"
    png = cache.get(key)
    if png is None:
        png = share_cards.render(statement)
        cache.set(key, png, timeout=None)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def suggest(request):
    """Names resembling ?q= for the header search as the reader types: JSON
    {"suggestions": [{"kind", "label", "url"}]}, empty for fewer than two characters."""
    found = suggestions(request.GET.get("q", ""))
    response = JsonResponse(
        {"suggestions": [{"kind": item.kind, "label": item.label, "url": item.url} for item in found]}
    )
    response["Cache-Control"] = "public, max-age=60"
    return response


def robots_txt(request):
    # The admin is not named: its address may be a secret (ADMIN_URL), and its pages
    # need a login anyway.
    lines = [
        "User-agent: *",
        "Disallow: /*?*format=",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def favicon(request):  # noqa: ARG001 — a view's signature
    """Browsers on pages without the icon's link (the admin's), feed readers and crawlers
    ask for /favicon.ico: sent to the icon the public pages link, for a day at a time."""
    response = HttpResponseRedirect(static("favicon.svg"))
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response


def json_for_script(data) -> str:
    """JSON safe inside a <script> element: <, > and & escaped as \\u sequences, so a quote
    containing "</script>" cannot end the element."""
    return mark_safe(  # noqa: S308 — the escapes below make it inert in HTML
        json.dumps(data, ensure_ascii=False).translate({ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"})
    )


def healthz(request):  # noqa: ARG001 — a view's signature
    """For a load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})
