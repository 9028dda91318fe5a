"""ASGI entry point, for servers such as granian or uvicorn (``site/`` on the Python path)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangol.settings.production")

application = get_asgi_application()
