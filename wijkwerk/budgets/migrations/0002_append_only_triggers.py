"""Make the ledger append-only in the database itself, not only in the code.

Entries can never be updated; a transaction's booking fields can never be updated (its actor
may still be cleared when a person's account is erased). On PostgreSQL rows cannot be
deleted either (TRUNCATE, used to reset test databases, is not affected); on SQLite the
delete guard is left to the application because Django's test flush deletes rows.
"""

from django.db import migrations

LOCKED_TXN_COLUMNS = "fund_id, kind, memo, created_at, reference_kind, reference_id, reverses_id, idempotency_key"

SQLITE = [
    """CREATE TRIGGER budgets_entry_no_update BEFORE UPDATE ON budgets_entry
       BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END""",
    f"""CREATE TRIGGER budgets_txn_no_update BEFORE UPDATE OF {LOCKED_TXN_COLUMNS}
       ON budgets_ledgertransaction
       BEGIN SELECT RAISE(ABORT, 'ledger transactions are append-only'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS budgets_entry_no_update",
    "DROP TRIGGER IF EXISTS budgets_txn_no_update",
]

POSTGRES = [
    """CREATE FUNCTION budgets_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the ledger is append-only'; END;
       $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER budgets_entry_append_only BEFORE UPDATE OR DELETE ON budgets_entry
       FOR EACH ROW EXECUTE FUNCTION budgets_append_only()""",
    f"""CREATE TRIGGER budgets_txn_no_update BEFORE UPDATE OF {LOCKED_TXN_COLUMNS}
       ON budgets_ledgertransaction FOR EACH ROW EXECUTE FUNCTION budgets_append_only()""",
    """CREATE TRIGGER budgets_txn_no_delete BEFORE DELETE ON budgets_ledgertransaction
       FOR EACH ROW EXECUTE FUNCTION budgets_append_only()""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS budgets_txn_no_delete ON budgets_ledgertransaction",
    "DROP TRIGGER IF EXISTS budgets_txn_no_update ON budgets_ledgertransaction",
    "DROP TRIGGER IF EXISTS budgets_entry_append_only ON budgets_entry",
    "DROP FUNCTION IF EXISTS budgets_append_only()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("budgets", "0001_ledger")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
