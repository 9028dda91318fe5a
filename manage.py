#!/usr/bin/env python
"""Django's command-line utility for Dangol."""

import os
import sys
from pathlib import Path


def main() -> None:
    # The project shell lives in site/ as the ``dangol`` package (a package cannot be named
    # ``site``: the standard library's module of that name is always imported first).
    sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangol.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
