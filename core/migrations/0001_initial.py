"""The foundation's models, which the home app created: their tables keep their names
(``home_…``) and their rows, only the models change app. Nothing is done to the database but
renaming the models' content types, so that the permissions granted on them (and anything else
that names them, such as admin log entries) follow."""

import django.db.models.deletion
from django.db import migrations, models

MOVED_MODELS = ("brandsettings", "outgoingemail", "periodicjob")


def move_content_types(from_app: str, to_app: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db_alias = schema_editor.connection.alias
        for model in MOVED_MODELS:
            if ContentType.objects.using(db_alias).filter(app_label=to_app, model=model).exists():
                continue
            ContentType.objects.using(db_alias).filter(app_label=from_app, model=model).update(
                app_label=to_app
            )

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("home", "0004_periodic_job"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BrandSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "contact_email",
                            models.EmailField(
                                blank=True, max_length=254, verbose_name="contact email"
                            ),
                        ),
                        ("instagram_url", models.URLField(blank=True, verbose_name="Instagram")),
                        (
                            "kakao_channel_url",
                            models.URLField(blank=True, verbose_name="KakaoTalk channel"),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "brand settings",
                        "db_table": "home_brandsettings",
                    },
                ),
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="queued at"),
                        ),
                        ("subject", models.TextField(blank=True, verbose_name="subject")),
                        ("from_email", models.CharField(max_length=320, verbose_name="from")),
                        ("to", models.JSONField(default=list, verbose_name="to")),
                        ("cc", models.JSONField(default=list)),
                        ("bcc", models.JSONField(default=list)),
                        ("reply_to", models.JSONField(default=list)),
                        ("body", models.TextField(blank=True, verbose_name="text")),
                        ("alternatives", models.JSONField(default=list)),
                        ("headers", models.JSONField(default=dict)),
                        ("attachments", models.JSONField(default=list)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Waiting to be sent"),
                                    ("sent", "Sent"),
                                    ("failed", "Given up"),
                                ],
                                default="queued",
                                max_length=10,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveIntegerField(default=0, verbose_name="failed attempts"),
                        ),
                        (
                            "next_attempt_at",
                            models.DateTimeField(db_index=True, verbose_name="next attempt"),
                        ),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="sent at"),
                        ),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "verbose_name_plural": "outgoing emails",
                        "ordering": ["-created_at"],
                        "db_table": "home_outgoingemail",
                        "indexes": [
                            models.Index(
                                fields=["status", "next_attempt_at"],
                                name="home_outgoi_status_58a5a9_idx",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="PeriodicJob",
                    fields=[
                        (
                            "name",
                            models.CharField(
                                max_length=64,
                                primary_key=True,
                                serialize=False,
                                verbose_name="job",
                            ),
                        ),
                        (
                            "last_started_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="last started"),
                        ),
                        (
                            "last_finished_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="last finished"
                            ),
                        ),
                        (
                            "locked_until",
                            models.DateTimeField(blank=True, null=True, verbose_name="claimed until"),
                        ),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                    ],
                    options={
                        "verbose_name": "periodic job",
                        "verbose_name_plural": "periodic jobs",
                        "ordering": ["name"],
                        "db_table": "home_periodicjob",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            move_content_types("home", "core"), move_content_types("core", "home"), elidable=False
        ),
    ]
