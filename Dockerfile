# The Dangol application image: the web server, the task worker and the periodic runner all
# run it (see compose.yaml and README "Production topology").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DANGOL_VAR_DIR=/srv/dangol/var

WORKDIR /srv/dangol
COPY requirements/lock.txt requirements/lock.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/lock.txt

COPY . .
# Translations are compiled into the image (dev settings: no secrets needed for this step).
RUN python manage.py compile_translations \
    && useradd --system --home-dir /srv/dangol dangol \
    && mkdir -p "$DANGOL_VAR_DIR" && chown dangol "$DANGOL_VAR_DIR"
USER dangol

ENV DJANGO_SETTINGS_MODULE=dangol.settings.production
EXPOSE 8000
CMD ["gunicorn", "--chdir", "site", "dangol.wsgi", "--bind", "0.0.0.0:8000"]
