from django.shortcuts import get_object_or_404, render

from .models import Statement

HOME_PAGE_SIZE = 30


def home(request):
    """The latest published statements."""
    statements = Statement.objects.published().with_card_relations().latest_first()[:HOME_PAGE_SIZE]
    return render(request, "statements/home.html", {"statements": statements})


def statement_detail(request, pk: int):
    """A statement's permalink.

    The public sees published and retracted statements (the latter with the reason and
    without the text presented as current); drafts and statements in review are 404 for
    everyone but logged-in staff, who get a preview.
    """
    visible = Statement.objects.with_card_relations()
    if not request.user.is_staff:
        visible = visible.filter(status__in=[Statement.Status.PUBLISHED, Statement.Status.RETRACTED])
    statement = get_object_or_404(visible, pk=pk)

    related = Statement.objects.published().with_card_relations().exclude(pk=statement.pk).latest_first()
    context = {
        "statement": statement,
        "translations": statement.translations.all(),
        "topics": statement.topics.all(),
        "countries_mentioned": statement.countries_mentioned.all(),
        "answers": statement.answers if statement.answers and statement.answers.is_public else None,
        "answered_by": related.filter(answers=statement),
        "same_summit": related.filter(summit=statement.summit_id)[:10] if statement.summit_id else [],
        "same_source": related.filter(source=statement.source_id).order_by("source_position", "id")[:10],
    }
    return render(request, "statements/statement_detail.html", context)
