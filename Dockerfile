# Production image: gunicorn web, Celery worker and beat all run from it (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

RUN useradd --create-home --uid 10001 app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN pip install --no-deps -e . \
 && APP_MODE=production SECRET_KEY=build-time-only-key-not-used-at-runtime-0123456789abcdefghij \
    ALLOWED_HOSTS=build DATABASE_URL=postgres://build@build/build REDIS_URL=redis://build:6379/0 \
    SITE_URL=https://build MESSAGING_CALLBACK_NUMBER=build \
    python manage.py collectstatic --no-input

USER app
EXPOSE 8000
# Logging (JSON access lines with the request id) and the shared metrics directory: gunicorn.conf.py.
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
