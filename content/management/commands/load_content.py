from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content.loader import INITIAL_DIR, ContentFormatError, load_initial, read_initial


class Command(BaseCommand):
    help = (
        "Load the initial treatment pages, care-option texts, clinic settings, helplines and help-now text from "
        "content/initial/. Safe to run on every deploy: only items never loaded before are created, so an "
        "editor's changes (and deletions) are kept. --force makes the loaded items match the files again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Overwrite items that exist with the files' text.")
        parser.add_argument("--path", type=Path, default=INITIAL_DIR, help="Folder to load (default: %(default)s).")

    def handle(self, *args, force, path, verbosity, **options):
        try:
            content = read_initial(path)
        except ContentFormatError as error:
            raise CommandError(
                "Nothing loaded. Problems in the content files:\n  " + "\n  ".join(error.problems)
            ) from None
        report = load_initial(content, force=force)
        if verbosity >= 2:
            for note in content.notes:
                self.stdout.write(f"note: {note}")
            for key in report.created:
                self.stdout.write(f"created {key}")
            for key in report.updated:
                self.stdout.write(f"overwrote {key}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Content: {len(report.created)} created, {len(report.updated)} overwritten, "
                f"{len(report.kept)} kept as they are."
            )
        )
