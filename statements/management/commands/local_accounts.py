import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from statements.workflow import ensure_editorial_groups

CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "local-accounts.txt"


class Command(BaseCommand):
    help = (
        "Create the Editors and Chief editors groups, and on first run one local account in each "
        "(editor, chief) with random passwords kept in var/local-accounts.txt; print how to log in. "
        "For local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="where the archive is served")

    def handle(self, *args, url: str, **options):
        editors, chiefs = ensure_editorial_groups()
        User = get_user_model()
        known = self._read()
        for username, group in (("editor", editors), ("chief", chiefs)):
            user = User.objects.filter(username=username).first()
            if user is None or username not in known:
                # A fresh random password whenever the file that records it lacks one: no fixed default.
                known[username] = secrets.token_urlsafe(15)
                user = user or User(username=username)
                user.is_staff = True
                user.set_password(known[username])
                user.save()
            user.groups.set([group])
        self._write(known)
        base = url.rstrip("/")
        self.stdout.write(f"\nThe archive: {base}/\nAdmin:       {base}{reverse('admin:index')}\n")
        self.stdout.write(f"Editor:        editor / {known['editor']}")
        self.stdout.write(f"Chief editor:  chief / {known['chief']}   (both kept in var/local-accounts.txt)\n")

    @staticmethod
    def _read() -> dict[str, str]:
        if not CREDENTIALS_FILE.exists():
            return {}
        lines = CREDENTIALS_FILE.read_text(encoding="utf-8").splitlines()
        return dict(line.split(" ", 1) for line in lines if " " in line)

    @staticmethod
    def _write(known: dict[str, str]) -> None:
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.write_text(
            "".join(f"{name} {password}\n" for name, password in known.items()), encoding="utf-8"
        )
        CREDENTIALS_FILE.chmod(0o600)
