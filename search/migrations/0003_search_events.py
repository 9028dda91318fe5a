"""Searches get an ``event`` id from the moment they happen, and clicks refer to it.

Analytics are now written in batches after the request, so a click may reach the database
before its search: the click's reference to the search becomes the search's ``event`` with no
database constraint. Existing searches get an event id each, existing clicks the id of their
search; repeated clicks on one result of one search (counted before clicks were signed) are
kept once.
"""

import uuid

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def give_searches_events(apps, schema_editor):
    SearchQuery = apps.get_model("search", "SearchQuery")
    pks = list(SearchQuery.objects.filter(event__isnull=True).values_list("pk", flat=True))
    for start in range(0, len(pks), 500):
        rows = [SearchQuery(pk=pk, event=uuid.uuid4()) for pk in pks[start : start + 500]]
        SearchQuery.objects.bulk_update(rows, ["event"])


def point_clicks_at_events(apps, schema_editor):
    SearchClick = apps.get_model("search", "SearchClick")
    seen = set()
    duplicates = []
    for click in SearchClick.objects.select_related("search").order_by("pk").iterator():
        if (click.search_id, click.position) in seen:
            duplicates.append(click.pk)
            continue
        seen.add((click.search_id, click.position))
        click.search_event = click.search.event
        click.save(update_fields=["search_event"])
    SearchClick.objects.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_index")]

    operations = [
        migrations.AddField(
            model_name="searchquery",
            name="event",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_searches_events, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="searchquery",
            name="event",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="searchquery",
            name="searched_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="searchclick",
            name="clicked_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AddField(
            model_name="searchclick",
            name="search_event",
            field=models.UUIDField(null=True),
        ),
        migrations.RunPython(point_clicks_at_events, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchclick", name="search"),
        migrations.RenameField(model_name="searchclick", old_name="search_event", new_name="search"),
        migrations.AlterField(
            model_name="searchclick",
            name="search",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="clicks",
                to="search.searchquery",
                to_field="event",
            ),
        ),
        migrations.AddConstraint(
            model_name="searchclick",
            constraint=models.UniqueConstraint(
                fields=("search", "position"), name="one_click_per_result"
            ),
        ),
    ]
