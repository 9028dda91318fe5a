"""The database's own full-text index over SearchDocument's analysed terms.

SQLite: an FTS5 table with external content, kept in step by triggers, ranked with bm25().
PostgreSQL: a generated, weighted tsvector column with a GIN index (title A, summary B,
body C, title words for autocomplete D). The columns hold terms already analysed in Python,
so the 'simple' configuration and the unicode61 tokenizer only split them on spaces.

On SQLite, a later migration that rebuilds search_searchdocument (Django does so for most
column changes) drops these triggers: such a migration must create them again and rebuild.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, summary_terms, body_terms, title_prefix,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0', prefix='1 2'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, title_terms, summary_terms, body_terms, title_prefix)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms, new.title_prefix);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, summary_terms, body_terms,
                               title_prefix)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms,
                old.title_prefix);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, summary_terms, body_terms,
                               title_prefix)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms,
                old.title_prefix);
        INSERT INTO search_fts(rowid, title_terms, summary_terms, body_terms, title_prefix)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms, new.title_prefix);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRESQL = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_terms), 'A')
            || setweight(to_tsvector('simple', summary_terms), 'B')
            || setweight(to_tsvector('simple', body_terms), 'C')
            || setweight(to_tsvector('simple', title_prefix), 'D')
        ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING GIN (search_vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
