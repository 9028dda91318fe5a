from django.core.management.base import BaseCommand, CommandError

from core import periodic


class Command(BaseCommand):
    help = (
        "Run the periodic jobs that are due (mail retries, scheduled publishing, trust levels, "
        "FAQ review reminders, pruning…). Run it every minute from cron or a systemd timer; "
        "several machines may run it at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "jobs", nargs="*", metavar="JOB", help="Run only these jobs (default: every job)."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run the jobs even if their interval has not passed.",
        )
        parser.add_argument(
            "--list",
            action="store_true",
            dest="list_jobs",
            help="List the jobs and their intervals.",
        )

    def handle(self, *args, jobs: list[str], force: bool, list_jobs: bool, **options):
        if list_jobs:
            for name, job in sorted(periodic.JOBS.items()):
                summary = (job.run.__doc__ or "").strip().split("\n")[0]
                self.stdout.write(f"{name}\tevery {job.every}\t{summary}")
            return
        unknown = sorted(set(jobs) - set(periodic.JOBS))
        if unknown:
            raise CommandError(
                f"Unknown job: {', '.join(unknown)}. Known jobs: {', '.join(sorted(periodic.JOBS))}."
            )
        failed = []
        for outcome in periodic.run_due(names=jobs or None, force=force):
            if not outcome.ran:
                self.stdout.write(f"{outcome.name}: not due, or running elsewhere")
            elif outcome.error:
                failed.append(outcome.name)
                self.stderr.write(f"{outcome.name}: failed: {outcome.error}")
            else:
                self.stdout.write(f"{outcome.name}: {outcome.result}")
        if failed:
            raise CommandError(f"{len(failed)} job(s) failed: {', '.join(failed)}.")
