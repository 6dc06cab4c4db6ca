import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from statements.extraction import ExtractionError
from statements.importing import extract_candidates


class Command(BaseCommand):
    help = "Print the statements found in an article (text file), as the admin's import shows them."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--date", required=True, help="publication date, YYYY-MM-DD")
        parser.add_argument("--lang", default="fr", choices=["fr", "en"])
        parser.add_argument("--json", action="store_true", dest="as_json", help="one JSON array instead of lines")

    def handle(self, *args, file: Path, date: str, lang: str, as_json: bool, **options):
        try:
            published = datetime.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"--date {date!r} is not a date (YYYY-MM-DD).") from None
        try:
            text = file.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No file at {file}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        try:
            candidates = extract_candidates(text=text, published=published, language=lang)
        except ExtractionError as error:
            raise CommandError(str(error)) from error
        if as_json:
            self.stdout.write(
                json.dumps([candidate.as_dict() for candidate in candidates], ensure_ascii=False, indent=2)
            )
            return
        for number, candidate in enumerate(candidates, start=1):
            self.stdout.write(
                f"{number:3}. [{candidate.wording}] {candidate.speaker_name} ({candidate.proposal}), "
                f"{candidate.date}, confidence {candidate.confidence}\n"
                f"     {candidate.text}\n     — {candidate.attribution}"
            )
        if not candidates:
            self.stdout.write("No statement found.")
