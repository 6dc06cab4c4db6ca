import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from statements.csv_import import OPTIONAL, REQUIRED, ImportRefused, decoded_lines, import_statements
from statements.models import Statement


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


class Command(BaseCommand):
    help = (
        "Import statements from a CSV file (columns "
        + ", ".join(REQUIRED)
        + "; optional "
        + ", ".join(OPTIONAL)
        + "): all rows or none, rows already imported (by id) left as they are. See statements/csv_import.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--status", choices=[Statement.Status.DRAFT, Statement.Status.PUBLISHED], default=Statement.Status.DRAFT
        )
        parser.add_argument("--user", help="The username recorded as the statements' creator.")

    def handle(self, *args, file: Path, status: str, user: str | None, **options):
        editor = None
        if user:
            try:
                editor = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {user!r}.") from None
        try:
            binary = file.open("rb")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        quiet = options["verbosity"] == 0
        bar = tqdm(desc="Reading", unit=" rows", unit_scale=True, disable=quiet, file=sys.stderr)

        def progress(phase: str, done: int) -> None:
            if phase == "reading":
                bar.update(done - bar.n)
            else:
                bar.set_description(phase.capitalize())

        with binary:
            try:
                result = import_statements(
                    decoded_lines(binary), file_name=file.name, status=status, user=editor, progress=progress
                )
            except ImportRefused as refused:
                bar.close()
                raise CommandError(str(refused)) from None
        bar.close()
        self.stdout.write(
            f"{plural(result.created, 'statement')} imported ({status}), {result.already_there:,} already in the "
            f"archive, {plural(result.new_speakers, 'new speaker')}, from {plural(result.rows, 'row')}."
        )
        if options["verbosity"] > 1:
            for phase, seconds in result.timings.items():
                self.stdout.write(f"  {phase}: {seconds:.1f} s")
