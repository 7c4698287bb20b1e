"""The command-line contract of intake-spec.md §4, in-process (call_command) and as a real process."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from intake.engine.recommend import recommend
from tests.intake.answers import make_answers

MANAGE_PY = Path(__file__).resolve().parents[2] / "manage.py"


def run_command(*args, stdin=""):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("recommend", *args, stdin=io.StringIO(stdin), stdout=stdout, stderr=stderr)
    return stdout.getvalue()


def failing_command(*args, stdin=""):
    stdout = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("recommend", *args, stdin=io.StringIO(stdin), stdout=stdout)
    assert stdout.getvalue() == ""
    assert raised.value.returncode == 2
    return str(raised.value)


def test_reads_a_file_and_prints_the_engine_output(tmp_path):
    answers = make_answers(last_use="today", opioids_used=["fentanyl"])
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    output = run_command(str(path))
    assert output == json.dumps(recommend(answers).as_dict(), indent=2) + "\n"


def test_reads_standard_input():
    answers = make_answers(pregnant="yes")
    assert json.loads(run_command("-", stdin=json.dumps(answers))) == recommend(answers).as_dict()


def test_care_options_stay_in_priority_order_in_the_output():
    output = json.loads(run_command("-", stdin=json.dumps(make_answers(goal="stop_completely"))))
    assert [option["id"] for option in output["care_options"]] == [
        "mat_buprenorphine",
        "mat_methadone",
        "detox_outpatient",
        "outpatient",
        "aftercare",
    ]


def test_emergency():
    assert json.loads(run_command("-", stdin='{"danger_now": true}'))["scores"] == {}


def test_invalid_answers_name_every_offending_key():
    answers = make_answers() | {"age": True, "pregnant": "maybe", "colour": "red"}
    del answers["insurance"]
    message = failing_command("-", stdin=json.dumps(answers))
    lines = message.splitlines()
    assert lines[0] == "invalid input:"
    assert [line.strip().split(":")[0] for line in lines[1:]] == ["age", "pregnant", "insurance", "colour"]


def test_errors_do_not_echo_answer_values():
    message = failing_command("-", stdin=json.dumps(make_answers() | {"postcode": "SECRET-12345"}))
    assert "postcode" in message and "SECRET" not in message


@pytest.mark.parametrize("text", ["", "{", "{'age': 3}", '{"age": 30,}', "not json", '{"age": NaN}'])
def test_malformed_json(text):
    assert "(answers): not valid JSON" in failing_command("-", stdin=text)


@pytest.mark.parametrize("text", ["[]", '"answers"', "null", "42", "true"])
def test_not_an_object(text):
    assert "(answers): must be one JSON object of answers" in failing_command("-", stdin=text)


def test_duplicate_keys_are_refused():
    text = json.dumps(make_answers())[:-1] + ', "age": 40, "goal": "cut_down"}'
    message = failing_command("-", stdin=text)
    assert "age: given more than once" in message and "goal: given more than once" in message


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.json"
    assert f"{missing}: can't be read" in failing_command(str(missing))


def test_directory_is_not_readable(tmp_path):
    assert f"{tmp_path}: can't be read" in failing_command(str(tmp_path))


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "answers.json"
    path.write_bytes(b'{"age": "\xff"}')
    assert "not readable UTF-8 text" in failing_command(str(path))


# --- As a real process: exit status, standard output and standard error ------------------------------------------


def manage(*args, stdin):
    return subprocess.run(
        [sys.executable, str(MANAGE_PY), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=MANAGE_PY.parent,
        timeout=60,
    )


def test_process_success():
    answers = make_answers()
    completed = manage("recommend", "-", stdin=json.dumps(answers))
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == json.dumps(recommend(answers).as_dict(), indent=2) + "\n"


def test_process_invalid_input_exits_2_names_every_key_and_prints_nothing():
    answers = make_answers() | {"danger_now": 1, "mystery": True}
    completed = manage("recommend", "-", stdin=json.dumps(answers))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "danger_now: must be true or false" in completed.stderr
    assert "mystery: is not a known question" in completed.stderr


def test_process_malformed_json_exits_2():
    completed = manage("recommend", "-", stdin="{")
    assert (completed.returncode, completed.stdout) == (2, "")
    assert "not valid JSON" in completed.stderr


def test_process_unreadable_file_exits_2(tmp_path):
    completed = manage("recommend", str(tmp_path / "missing.json"), stdin="")
    assert (completed.returncode, completed.stdout) == (2, "")
    assert "missing.json: can't be read" in completed.stderr
