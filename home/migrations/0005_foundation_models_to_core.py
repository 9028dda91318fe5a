"""Brand settings, the outgoing email queue and the periodic jobs' records now belong to the
``core`` app (its 0001 takes them over with their tables): forget them here without touching
the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("home", "0004_periodic_job"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BrandSettings"),
                migrations.DeleteModel(name="OutgoingEmail"),
                migrations.DeleteModel(name="PeriodicJob"),
            ],
            database_operations=[],
        ),
    ]
