"""``manage.py recommend FILE|-``: run the recommendation engine on one answers object (intake-spec.md §4).

Prints the engine's JSON to standard output. Any invalid input exits with status 2, names every offending key on
standard error and prints nothing to standard output. Error messages never echo answer values: they may be
personal data.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intake.engine.recommend import recommend
from intake.engine.validation import ROOT_KEY, InvalidAnswers

INVALID_INPUT = 2


class _DuplicateKeys(ValueError):
    def __init__(self, keys):
        self.keys = keys
        super().__init__(", ".join(keys))


def _reject_duplicate_keys(pairs):
    """An object that names a key twice is ambiguous: refuse it rather than silently keep the last value."""
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise _DuplicateKeys(duplicates)
    return dict(pairs)


def _reject_constant(name):
    raise ValueError(f"{name} is not valid JSON")


def _invalid(problems):
    return CommandError(
        "invalid input:\n" + "\n".join(f"  {problem}" for problem in problems), returncode=INVALID_INPUT
    )


class Command(BaseCommand):
    help = "Print the suggested care options for one JSON answers object (a file, or - for standard input)."
    # Lets tests pass their own standard input through call_command(), as createsuperuser does.
    stealth_options = ("stdin",)
    # A pure computation: it needs no database, URLs or templates, so system checks would only add start-up time
    # and failure modes unrelated to its input.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to a JSON file with one answers object, or - to read standard input")

    def handle(self, *args, file, **options):
        text = self._read(file, options.get("stdin") or sys.stdin)
        try:
            answers = json.loads(text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant)
        except _DuplicateKeys as error:
            raise _invalid(f"{key}: given more than once" for key in error.keys) from None
        except (ValueError, RecursionError) as error:
            where = f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
            raise _invalid([f"{ROOT_KEY}: not valid JSON{where}"]) from None
        try:
            result = recommend(answers)
        except InvalidAnswers as error:
            raise _invalid(str(problem) for problem in error.errors) from None
        self.stdout.write(json.dumps(result.as_dict(), indent=2))

    def _read(self, file, stdin):
        if file == "-":
            return stdin.read()
        try:
            return Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else "not readable UTF-8 text"
            raise _invalid([f"{file}: can't be read ({reason})"]) from None
