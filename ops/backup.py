"""Database backups: ``pg_dump --format=custom`` on PostgreSQL, SQLite's online backup
API otherwise, into ``settings.BACKUP_DIR``, keeping the newest ``settings.BACKUP_KEEP``.

Restore (README "Backups"): ``manage.py restore_db FILE`` -- ``pg_restore --clean
--if-exists --no-owner`` into the configured database (which must exist; ``createdb``
first after a drop), or a copy of the SQLite file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

PREFIX = "ocop-"


def _db(alias: str = "default") -> dict:
    return connections[alias].settings_dict


def _is_postgres(db: dict) -> bool:
    return "postgresql" in db["ENGINE"]


def _pg_env(db: dict) -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore; the password travels in the
    environment, never on the command line."""
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise FileNotFoundError(f"{name} not found: install the PostgreSQL client (postgresql-client)")


def backup_database(directory: Path | None = None, *, alias: str = "default") -> Path:
    """Write one backup file and prune old ones; returns the new file's path."""
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    db = _db(alias)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    if _is_postgres(db):
        target = directory / f"{PREFIX}{stamp}.dump"
        args, env = _pg_env(db)
        partial = target.with_suffix(".dump.partial")
        subprocess.run(  # noqa: S603  (fixed argv, no shell)
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                f"--file={partial}",
                *args,
                db["NAME"],
            ],
            check=True,
            env=env,
            capture_output=True,
            timeout=3600,
        )
        partial.rename(target)  # a half-written dump never looks like a backup
    else:
        target = directory / f"{PREFIX}{stamp}.sqlite3"
        source = sqlite3.connect(str(db["NAME"]))
        try:
            dest = sqlite3.connect(str(target))
            with dest:
                source.backup(dest)
            dest.close()
        finally:
            source.close()
    _prune(directory, keep=int(getattr(settings, "BACKUP_KEEP", 14)))
    return target


def _prune(directory: Path, *, keep: int) -> None:
    backups = sorted(
        (
            p
            for p in directory.iterdir()
            if p.name.startswith(PREFIX) and not p.name.endswith(".partial")
        ),
        key=lambda p: p.name,
    )
    for old in backups[: max(0, len(backups) - keep)]:
        old.unlink()


def restore_database(path: Path, *, alias: str = "default") -> None:
    """Replace the configured database's content with the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no backup at {path}")
    db = _db(alias)
    connections[alias].close()
    if _is_postgres(db):
        args, env = _pg_env(db)
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--exit-on-error",
                f"--dbname={db['NAME']}",
                *args,
                str(path),
            ],
            check=True,
            env=env,
            capture_output=True,
            timeout=3600,
        )
    else:
        source = sqlite3.connect(str(path))
        try:
            dest = sqlite3.connect(str(db["NAME"]))
            with dest:
                source.backup(dest)
            dest.close()
        finally:
            source.close()
