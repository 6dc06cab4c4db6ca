import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.urls import reverse

CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "local-editor.txt"
USERNAME = "editor"


class Command(BaseCommand):
    help = (
        "Create, on first run, a local editor account with a random password kept in var/local-editor.txt, "
        "and print how to log in. For local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the archive is served")

    def handle(self, *args, url: str, **options):
        User = get_user_model()
        user = User.objects.filter(username=USERNAME).first()
        if user is None or not CREDENTIALS_FILE.exists():
            # A fresh password whenever the file that records it is missing: no fixed default.
            password = secrets.token_urlsafe(15)
            user = user or User(username=USERNAME)
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.user_permissions.set(
                Permission.objects.filter(content_type__app_label="statements").exclude(codename__startswith="delete_")
            )
            CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
            CREDENTIALS_FILE.write_text(f"{USERNAME}\n{password}\n", encoding="utf-8")
            CREDENTIALS_FILE.chmod(0o600)
        username, password = CREDENTIALS_FILE.read_text(encoding="utf-8").split()[:2]
        admin_url = url.rstrip("/") + reverse("admin:index")
        self.stdout.write(
            f"\nThe archive: {url.rstrip('/')}/\n"
            f"Admin:       {admin_url}\n"
            f"Local editor account: {username} / {password}   (kept in var/local-editor.txt)\n"
        )
