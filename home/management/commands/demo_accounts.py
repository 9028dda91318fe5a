from django.core.management.base import BaseCommand

from home.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Print the site and admin addresses and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args, base_url: str, **options):
        base_url = base_url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Dangol demo"))
        self.stdout.write(f"  Site (Korean):  {base_url}/ko/")
        self.stdout.write(f"  Site (English): {base_url}/en/")
        self.stdout.write(f"  Admin:          {base_url}/admin/")
        self.stdout.write(f"  Demo accounts (password for all: {DEMO_PASSWORD}):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"    {account.username:<10} {account.description}")
        self.stdout.write("")
