from django.core.management.base import BaseCommand

from statements.search import refresh_search_vectors


class Command(BaseCommand):
    help = "Recompute every statement's full-text search vector (after bulk writes or a change of the search rules)."

    def handle(self, *args, **options):
        count = refresh_search_vectors()
        self.stdout.write(f"Search vectors rebuilt for {count} statements.")
