#!/usr/bin/env bash
# `make prod`: the whole production shape on this machine, with the demo data.
#   PostgreSQL (a cluster of our own under var/prod/pg, kept between runs), Redis,
#   gunicorn with 4 workers on 127.0.0.1:8000 (config/gunicorn.conf.py), the task worker
#   (db_worker) and the scheduler (config/schedule.py), under honcho (deploy/Procfile).
# Ctrl-C stops them all. Environment you may set: PORT (8000), WEB_CONCURRENCY (4),
# PROD_PG_PORT (55432), PROD_REDIS_PORT (56379), and any of README "Configuration".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VAR="$PWD/var/prod"
PG_PORT="${PROD_PG_PORT:-55432}"
REDIS_PORT="${PROD_REDIS_PORT:-56379}"
mkdir -p "$VAR"

say() { printf '\033[1m[prod] %s\033[0m\n' "$*"; }

port_busy() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [[ -x "$dir/initdb" ]] && { echo "$dir"; return; }
    done
    return 1
}

AS_PG=()
PG_BIN=""
PG_DATA="$VAR/pg"
REDIS_PID=""

stop_all() {
    say "stopping PostgreSQL and Redis"
    if [[ -n "$REDIS_PID" ]] && kill -0 "$REDIS_PID" 2> /dev/null; then
        kill "$REDIS_PID" 2> /dev/null || true
        wait "$REDIS_PID" 2> /dev/null || true
    fi
    if [[ -n "$PG_BIN" && -f "$PG_DATA/postmaster.pid" ]]; then
        "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop > /dev/null 2>&1 || true
    fi
}

start_postgres() {
    if ! PG_BIN="$(pg_bin)"; then
        say "PostgreSQL is not installed: apt-get install postgresql"
        exit 1
    fi
    if [[ "$(id -u)" == 0 ]]; then
        AS_PG=(runuser -u postgres --)  # initdb and postgres refuse to run as root
    fi
    if [[ ! -s "$PG_DATA/PG_VERSION" ]]; then
        say "creating a PostgreSQL cluster in $PG_DATA"
        mkdir -p "$PG_DATA"
        [[ "$(id -u)" == 0 ]] && chown postgres: "$PG_DATA" "$VAR"
        "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 \
            --locale=C.UTF-8 > "$VAR/initdb.log" 2>&1 || { cat "$VAR/initdb.log"; exit 1; }
    fi
    if port_busy "$PG_PORT"; then
        say "port $PG_PORT is taken (another make prod?): set PROD_PG_PORT"
        exit 1
    fi
    say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$VAR/postgres.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k /tmp" start > /dev/null \
        || { tail -n 30 "$VAR/postgres.log"; exit 1; }
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = 'ocop'" | grep -q 1 \
        || "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres ocop
}

start_redis() {
    local server
    server="$(command -v redis-server || echo /usr/bin/redis-server)"
    [[ -x "$server" ]] || { say "redis-server is not installed: apt-get install redis-server"; exit 1; }
    if port_busy "$REDIS_PORT"; then
        say "port $REDIS_PORT is taken: set PROD_REDIS_PORT"
        exit 1
    fi
    say "starting Redis on 127.0.0.1:$REDIS_PORT"
    # The cache and the cached sessions (written through to PostgreSQL): nothing to persist.
    "$server" --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --maxmemory 256mb --maxmemory-policy allkeys-lru --loglevel warning &
    REDIS_PID=$!
    for _ in $(seq 50); do port_busy "$REDIS_PORT" && return; sleep 0.1; done
    say "Redis did not start"
    exit 1
}

trap stop_all EXIT
start_postgres
start_redis

if [[ ! -s "$VAR/secret_key" ]]; then
    python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > "$VAR/secret_key"
    chmod 600 "$VAR/secret_key"
fi

export DJANGO_SETTINGS_MODULE=config.settings.production
export SECRET_KEY="$(cat "$VAR/secret_key")"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/ocop"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export TASK_BACKEND=database
export WEB_CONCURRENCY="${WEB_CONCURRENCY:-4}"
export PORT="${PORT:-8000}"
export HOST=127.0.0.1
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
# Served over plain HTTP on loopback here; behind TLS in real production (deploy/compose.yaml).
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false
export SECURE_HSTS_SECONDS=0
export BACKUP_DIR="${BACKUP_DIR:-$VAR/backups}"
export MEDIA_ROOT="${MEDIA_ROOT:-$VAR/media}"
export SERVE_MEDIA=true
export STATIC_ROOT="${STATIC_ROOT:-$VAR/static}"

say "migrating, collecting static files, loading the demo"
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py collectstatic --noinput -v 0
# The demo is loaded with inline tasks, so it is complete before the first request.
TASK_BACKEND=immediate .venv/bin/python manage.py load_demo --force
say "serving http://127.0.0.1:$PORT/ with $WEB_CONCURRENCY gunicorn workers, the task worker and the scheduler (Ctrl-C stops everything)"
# honcho in the background and `wait`, so that a SIGTERM to this script (not only Ctrl-C,
# which the whole process group gets) also stops the processes, then PostgreSQL and Redis.
.venv/bin/honcho -f deploy/Procfile -d . start &
HONCHO_PID=$!
trap 'kill -INT "$HONCHO_PID" 2> /dev/null || true' INT TERM
wait "$HONCHO_PID" || true
wait "$HONCHO_PID" 2> /dev/null || true
