from django.core.management.base import BaseCommand

from statements.workflow import ensure_editorial_groups


class Command(BaseCommand):
    help = "Create or update the Editors and Chief editors groups and their permissions. Safe to run again."

    def handle(self, *args, **options):
        editors, chiefs = ensure_editorial_groups()
        self.stdout.write(
            f"Groups: {editors.name} ({editors.permissions.count()} permissions), "
            f"{chiefs.name} ({chiefs.permissions.count()} permissions)."
        )
