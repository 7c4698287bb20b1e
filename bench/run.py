"""Load-test the app beside its bare baselines, in one run, under gunicorn in production mode.

    .venv/bin/python bench/run.py --database bench_100k            # every page, 15 s each
    .venv/bin/python bench/run.py --database bench_1m --only queue,supervisor

For each page it prints requests per second, p50 and p99 latency (wrk, 2 threads, 8 connections), SQL statements
per request (the ``X-Bench-Queries`` header from ``bench.middleware``), bytes on the wire (gzip accepted) and the
ratio of the page's p50 to its baseline's p50; then one full questionnaire completion over HTTP (requests,
statements, time). The server is the app's WSGI application with ``bench.settings`` (the app plus ``/bench/``
baselines), 2 sync workers, ``APP_MODE=production`` behind a pretend TLS proxy (requests carry
``X-Forwarded-Proto: https``), the cache and broker on Redis.
"""

import argparse
import gzip
import http.client
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))


def server_environment(database: str, redis: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "APP_MODE": "production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": redis,
        "CACHE_URL": redis,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://bench.example.org",
        "MESSAGING_CALLBACK_NUMBER": "+1 212 555 0100",
        "BEHIND_TLS_PROXY": "true",
        "TRUSTED_PROXY_COUNT": "1",
        "PUBLIC_POST_RATE": "100000/m",  # one client completes many questionnaires
        "LOG_LEVEL": "WARNING",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    wire_bytes: int

    @property
    def queries(self) -> int:
        return int(self.headers.get("X-Bench-Queries", 0))


class Client:
    """A browser-like client over plain HTTP to the local server: cookies, CSRF token, gzip."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = dict(cookies or {})

    def headers(self) -> dict:
        return {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "127.0.0.1",
            "Origin": f"https://127.0.0.1:{self.port}",
            "Accept-Encoding": "gzip",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }

    def request(self, method: str, path: str, form: dict | None = None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = self.headers()
        body = None
        if form is not None:
            token = self.cookies.get("__Host-csrftoken", "")
            body = urlencode({**form, "csrfmiddlewaretoken": token}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        wire = raw.read()
        for header in raw.headers.get_all("Set-Cookie") or ():
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        content = gzip.decompress(wire) if raw.headers.get("Content-Encoding") == "gzip" else wire
        return Response(raw.status, raw.headers, content, len(wire))


def start_server(env: dict, port: int, workers: int) -> subprocess.Popen:
    # Production serves hashed static files from STATIC_ROOT (staticfiles/, not in git).
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=BASE_DIR, env=env,
                   check=True)
    server = subprocess.Popen(
        [str(BASE_DIR / ".venv/bin/gunicorn"), "config.wsgi", "--workers", str(workers), "--bind",
         f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,  # access logs: thousands of lines
    )
    for _ in range(100):
        try:
            if Client(port).request("GET", "/bench/page/").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def staff_cookie(username: str) -> dict:
    """A signed-in session made directly in the session store (the benchmark users have no password)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.middleware import SESSION_KEY as LAST_SEEN

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LAST_SEEN] = int(time.time()) + 3600  # no idle sign-out, no last-seen write during the run
    session.create()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


@dataclass(frozen=True)
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float


def _milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def load(client: Client, path: str, seconds: int, connections: int) -> Load:
    headers = [arg for name, value in client.headers().items() if name != "Origin" for arg in
               ("-H", f"{name}: {value}")]
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "--latency", *headers,
         f"http://127.0.0.1:{client.port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"{path} answered errors under load:\n{output}")
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if len(latency) != 2 or int(re.search(r"(\d+) requests in", output).group(1)) == 0:
        raise SystemExit(f"{path}: no request finished in time (a longer --seconds?):\n{output}")
    return Load(float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
                _milliseconds(latency["50"]), _milliseconds(latency["99"]))


def completion(port: int) -> tuple[int, int, float, int]:
    """One questionnaire over HTTP as a browser does it (GET each page, POST it): requests, statements, seconds,
    and the most statements one answer took."""
    from django.urls import resolve

    from bench.data import VIGNETTES
    from intake.engine.questionnaire import STEPS, STEPS_BY_ID
    from intake.forms import form_data

    answers = json.loads(VIGNETTES.read_text(encoding="utf-8"))[0]["answers"]
    client, requests, statements, per_answer = Client(port), 0, 0, 0
    started = time.monotonic()

    def call(method, path, form=None):
        nonlocal requests, statements
        response = client.request(method, path, form)
        requests, statements = requests + 1, statements + response.queries
        return response

    url = f"/intake/q/{STEPS[0].id}/"
    call("GET", "/intake/")
    while resolve(url).url_name == "step":
        call("GET", url)
        step = STEPS_BY_ID[resolve(url).kwargs["step_id"]]
        answer = call("POST", url, form_data({k: answers[k] for k in step.question_ids if k in answers}))
        if answer.status != 302:
            raise SystemExit(f"{url} answered {answer.status}: {answer.body[:3000].decode(errors='replace')}")
        per_answer = max(per_answer, answer.queries)
        url = answer.headers["Location"]
    call("GET", url)
    done = call("POST", "/intake/contact/", {"first_name": "Sam", "phone": "(555) 010-4477", "best_time": "any",
                                             "preferred_method": "phone", "voicemail_safe": "no", "text_safe": "no",
                                             "consent_contact": "on"})
    if done.status != 302:
        raise SystemExit(f"the questionnaire did not submit: {done.status}")
    call("GET", done.headers["Location"])
    return requests, statements, time.monotonic() - started, per_answer


def pages(reference: str) -> list[tuple[str, str, str, str]]:
    """(name, page, baseline, who): who is signed in."""
    return [
        ("queue", "/staff/", "/bench/queue/", "supervisor"),
        ("queue page 2", None, "/bench/queue/", "supervisor"),
        ("case", f"/staff/cases/{reference}/", f"/bench/cases/{reference}/", "counsellor"),
        ("supervisor", "/staff/supervisor/", "/bench/supervisor/", "supervisor"),
        ("hsds", "/staff/directory.hsds.json", "/bench/hsds/", "supervisor"),
        ("question", "/intake/q/{first}/", "/bench/page/", ""),
        ("home", "/", "/bench/page/", ""),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, help="e.g. bench_100k (filled by manage.py bench_data)")
    parser.add_argument("--only", default="", help="comma-separated page names, e.g. queue,supervisor")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    args = parser.parse_args()
    env = server_environment(args.database, args.redis)
    os.environ.update(env)
    import django

    django.setup()
    from bench.data import COUNSELLOR_USERNAME, SUPERVISOR_USERNAME
    from intake.engine.questionnaire import STEPS
    from referrals.models import Case

    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        clients = {"supervisor": Client(port, staff_cookie(SUPERVISOR_USERNAME)),
                   "counsellor": Client(port, staff_cookie(COUNSELLOR_USERNAME)), "": Client(port)}
        reference = Case.objects.filter(assigned_to__username=COUNSELLOR_USERNAME).values_list(
            "reference", flat=True).order_by("-created_at").first()
        next_page = re.search(r'href="\?([^"]*)" rel="next"', clients["supervisor"].request(
            "GET", "/staff/").body.decode())
        print(f"{args.database}: {Case.objects.count():,} cases, {Case.objects.open().count():,} open; "
              f"load average {os.getloadavg()[0]:.2f}; wrk -c{args.connections}, {args.seconds} s each")
        print(f"{'page':<14}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}{'bytes':>8}   "
              f"{'baseline':<22}{'req/s':>8}{'p50 ms':>9}{'SQL':>5}  p50 ratio")
        only = set(filter(None, args.only.split(",")))
        for name, path, baseline, who in pages(reference):
            if only and name not in only and name.split()[0] not in only:
                continue
            if name == "queue page 2":
                path = f"/staff/?{next_page.group(1).replace('&amp;', '&')}" if next_page else "/staff/"
            path = path.replace("{first}", STEPS[0].id)
            client = clients[who]
            probe, base_probe = client.request("GET", path), client.request("GET", baseline)
            if probe.status != 200 or base_probe.status != 200:
                raise SystemExit(f"{path}: {probe.status}, {baseline}: {base_probe.status}")
            page, base = load(client, path, args.seconds, args.connections), load(
                client, baseline, args.seconds, args.connections)
            print(f"{name:<14}{page.requests_per_second:>8.1f}{page.p50_ms:>9.1f}{page.p99_ms:>9.1f}"
                  f"{probe.queries:>5}{probe.wire_bytes:>8}   {baseline:<22}{base.requests_per_second:>8.1f}"
                  f"{base.p50_ms:>9.1f}{base_probe.queries:>5}  {page.p50_ms / base.p50_ms:.2f}×", flush=True)
        if not only or "completion" in only:
            requests, statements, seconds, per_answer = completion(port)
            print(f"questionnaire completion: {requests} requests, {statements} SQL statements "
                  f"(at most {per_answer} per answer), {seconds:.2f} s one after another")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
