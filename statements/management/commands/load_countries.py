from django.core.management.base import BaseCommand

from statements.loading import load_countries


class Command(BaseCommand):
    help = "Create every ISO 3166-1 country missing from the database (from pycountry). Safe to run again."

    def handle(self, *args, **options):
        created = load_countries()
        self.stdout.write(f"Countries: {created} created.")
