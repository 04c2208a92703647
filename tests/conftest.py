import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Every transactional test leaves the database as the migrations made it ---------------
# Transactional tests (live_server, transaction=True) end by flushing every table, and with it
# the rows the data migrations made (Wagtail's root page, Site and root collection, ...).
# A flush without `serialized_rollback` also re-creates content types under new ids, so a
# later `serialized_rollback` test fails to load its copy, and with --reuse-db the next run
# starts from an empty database. So the migrated rows are serialized before the first
# transactional test and put back (flush, then load) after each one.
_migrated_rows: dict[str, str] = {}


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.fixture(autouse=True)
def _snapshot_migrated_rows(request):
    if _migrated_rows or not _is_transactional(request.node):
        return
    from django.db import connections

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        for connection in connections.all():
            _migrated_rows[connection.alias] = (
                getattr(connection, "_test_serialized_contents", None)
                or connection.creation.serialize_db_to_string()
            )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield  # the test's fixtures are torn down: the flush has happened
    if _migrated_rows and _is_transactional(item):
        from django.core.management import call_command
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for alias, rows in _migrated_rows.items():
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    verbosity=0,
                )
                connections[alias].creation.deserialize_db_from_string(rows)
                _reset_sequences(connections[alias])
    return result


def _reset_sequences(connection) -> None:
    """Rows loaded with explicit ids leave PostgreSQL's sequences behind: move them past
    the ids, or the next insert (a new Wagtail page, say) collides with a loaded row."""
    from django.apps import apps
    from django.core.management.color import no_style

    tables = set(connection.introspection.table_names())
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables  # (some of Oscar's models have no table here)
    ]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


# --- Real Redis ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def redis_url():
    """A real redis-server of this test process's own, on a free loopback port."""
    import os

    from tests.services import redis_server_binary, start_redis

    if redis_server_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is missing (apt-get install redis-server)")
        pytest.skip("redis-server is not installed")
    with start_redis() as url:
        yield url


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued in the database, as in production (TASK_BACKEND=database), until
    `tests.services.run_worker()` runs them with the real worker command."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    return settings
