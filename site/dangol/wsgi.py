"""WSGI entry point. Run from the repository root with ``site/`` on the Python path,
e.g. ``gunicorn --chdir site dangol.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangol.settings.production")

application = get_wsgi_application()
