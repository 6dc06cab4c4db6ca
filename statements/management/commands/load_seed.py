from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from statements.loading import SEED_DATASET, DatasetError, load_dataset


class Command(BaseCommand):
    help = "Load a TOML dataset (by default the Paris 2025-09-04 seed). Loading twice changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=SEED_DATASET, help="dataset file (TOML)")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"No dataset file at {path}.")
        try:
            report = load_dataset(path=path)
        except DatasetError as error:
            raise CommandError(f"{path.name}: {error}") from error
        self.stdout.write(f"{path.name}: {report}.")
