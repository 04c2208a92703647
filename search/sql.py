"""SQL helpers: ``Folded(expr)`` folds Vietnamese inside the database the way
``shop.text.fold`` does in Python (lower case, no diacritics, đ→d).

PostgreSQL: ``ocop_unaccent(lower(x))`` (unaccent wrapped IMMUTABLE, migration 0003).
SQLite: ``ocop_fold(x)``, ``shop.text.fold`` registered on every connection (apps.py).
"""

from django.db.models import Func, TextField

from shop.text import fold


class Folded(Func):
    output_field = TextField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        raise NotImplementedError(f"Folded is not available on {connection.vendor}")

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template="ocop_unaccent(lower(%(expressions)s))"
        )

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="ocop_fold(%(expressions)s)")


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("ocop_fold", 1, fold, deterministic=True)
