#!/usr/bin/env bash
# Start the local geowire stack in the background, on loopback, and return:
#   PostgreSQL cluster in $GEOWIRE_STATE/pg (127.0.0.1:$GEOWIRE_PG_PORT, database "prefect"),
#   Prefect server on it at http://127.0.0.1:$GEOWIRE_API_PORT/api,
#   the process work pool $GEOWIRE_POOL and one worker polling it.
# The API asks for the auth string of $GEOWIRE_SECRETS (generated on the first start, mode
# 0600), checks CSRF tokens and answers browsers only from the UI's origin; the Prefect
# profile $GEOWIRE_PROFILE (made active) points plain `prefect` and `geowire` commands at it.
# Running it again starts only what is not running. Logs: $GEOWIRE_STATE/logs/.
#
#   serve.sh           the whole stack
#   serve.sh worker    only the work pool and a worker, against $PREFECT_API_URL
#                      (an existing Prefect server or Prefect Cloud)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

start_postgres() {
    local bin
    bin="$(pg_bin)"
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || die "PostgreSQL binaries not found (set GEOWIRE_PG_BIN, or run infra/ci-services.sh)"
    mkdir -p "$PGDATA" "$PGRUN" "$LOGS"
    touch "$LOGS/postgres.log"
    if [ "$(id -u)" = 0 ]; then
        chown "${GEOWIRE_PG_OS_USER:-postgres}" "$PGDATA" "$PGRUN" "$LOGS/postgres.log"
        chmod 700 "$PGDATA"
        as_pg test -w "$PGDATA" || die "user postgres cannot write $PGDATA: a parent folder is private; set GEOWIRE_STATE to a folder it can reach"
    fi
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        log "creating PostgreSQL cluster in $PGDATA"
        local pwfile="$PGRUN/initdb.pw"
        printf '%s\n' "$GEOWIRE_PG_PASSWORD" >"$pwfile"
        [ "$(id -u)" = 0 ] && chown "${GEOWIRE_PG_OS_USER:-postgres}" "$pwfile"
        chmod 600 "$pwfile"
        as_pg "$bin/initdb" -D "$PGDATA" -U "$GEOWIRE_PG_USER" --pwfile="$pwfile" \
            --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --no-locale \
            >>"$LOGS/postgres.log" 2>&1 || { rm -f "$pwfile"; die "initdb failed, see $LOGS/postgres.log"; }
        rm -f "$pwfile"
    fi
    if as_pg "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        log "PostgreSQL already running ($PGDATA)"
    else
        log "starting PostgreSQL on 127.0.0.1:$GEOWIRE_PG_PORT"
        as_pg "$bin/pg_ctl" -D "$PGDATA" -l "$LOGS/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -c port=$GEOWIRE_PG_PORT -c unix_socket_directories=$PGRUN" \
            start >/dev/null || die "PostgreSQL did not start, see $LOGS/postgres.log"
    fi
    local psql=("$bin/psql" -h 127.0.0.1 -p "$GEOWIRE_PG_PORT" -U "$GEOWIRE_PG_USER" -v ON_ERROR_STOP=1 -qtA)
    if [ "$(PGPASSWORD="$GEOWIRE_PG_PASSWORD" "${psql[@]}" -d postgres \
            -c "select 1 from pg_database where datname = '$GEOWIRE_PG_DB'")" != 1 ]; then
        log "creating database $GEOWIRE_PG_DB"
        PGPASSWORD="$GEOWIRE_PG_PASSWORD" "${psql[@]}" -d postgres -c "create database \"$GEOWIRE_PG_DB\""
    fi
}

# Wait until the API at $1 answers /health, failing early when pid file $2's process dies.
wait_healthy() {
    local url="$1" pidfile="$2" waited=0
    until api_healthy "$url"; do
        alive "$pidfile" || die "Prefect server exited, see $LOGS/server.log"
        [ "$waited" -ge "$GEOWIRE_START_TIMEOUT" ] && die "Prefect server not healthy after ${GEOWIRE_START_TIMEOUT}s, see $LOGS/server.log"
        sleep 1
        waited=$((waited + 1))
    done
}

start_server() {
    mkdir -p "$LOGS" "$GEOWIRE_STATE/prefect-server"
    if alive "$SERVER_PID"; then
        log "Prefect server already running (pid $(cat "$SERVER_PID"))"
    elif api_healthy "$LOCAL_API_URL"; then
        die "something else already serves $LOCAL_API_URL; stop it or set GEOWIRE_API_PORT"
    else
        log "starting Prefect server at $LOCAL_API_URL (log: $LOGS/server.log)"
        start_detached "$LOGS/server.log" "$SERVER_PID" env \
            PREFECT_HOME="$GEOWIRE_STATE/prefect-server" \
            PREFECT_API_URL="$LOCAL_API_URL" \
            PREFECT_API_DATABASE_CONNECTION_URL="$(pg_url)" \
            PREFECT_SERVER_ANALYTICS_ENABLED=false \
            PREFECT_SERVER_API_HOST=127.0.0.1 \
            PREFECT_SERVER_API_PORT="$GEOWIRE_API_PORT" \
            PREFECT_SERVER_API_AUTH_STRING="$GEOWIRE_API_AUTH_STRING" \
            PREFECT_SERVER_CSRF_PROTECTION_ENABLED=true \
            PREFECT_SERVER_CORS_ALLOWED_ORIGINS="$GEOWIRE_UI_ORIGINS" \
            "$PREFECT" server start --host 127.0.0.1 --port "$GEOWIRE_API_PORT" --analytics-off
    fi
    wait_healthy "$LOCAL_API_URL" "$SERVER_PID"
    log "Prefect server healthy: UI http://127.0.0.1:$GEOWIRE_API_PORT"
}

start_worker() {
    mkdir -p "$LOGS" "$GEOWIRE_STATE/prefect-worker"
    if alive "$WORKER_PID"; then
        log "worker already running (pid $(cat "$WORKER_PID"))"
        return 0
    fi
    log "starting worker $GEOWIRE_WORKER_NAME on pool $GEOWIRE_POOL (log: $LOGS/worker.log)"
    cd "$GEOWIRE_HOME"
    start_detached "$LOGS/worker.log" "$WORKER_PID" env \
        PREFECT_HOME="$GEOWIRE_STATE/prefect-worker" \
        PREFECT_API_URL="$PREFECT_API_URL" \
        ${PREFECT_API_AUTH_STRING:+PREFECT_API_AUTH_STRING="$PREFECT_API_AUTH_STRING"} \
        PREFECT_WORKER_QUERY_SECONDS="$GEOWIRE_WORKER_QUERY_SECONDS" \
        GEOWIRE_HOME="$GEOWIRE_HOME" \
        "$PREFECT" worker start --pool "$GEOWIRE_POOL" --type process --name "$GEOWIRE_WORKER_NAME"
    sleep 2
    alive "$WORKER_PID" || die "worker exited at once, see $LOGS/worker.log"
}

[ -x "$PREFECT" ] || die "$PREFECT not found: create the virtualenv first (make venv) or set VENV"
mkdir -p "$GEOWIRE_STATE"
case "${1:-all}" in
    all)
        load_secrets generate
        export PREFECT_API_URL="$LOCAL_API_URL" PREFECT_API_AUTH_STRING="$GEOWIRE_API_AUTH_STRING"
        start_postgres
        start_server
        "$VENV/bin/python" "$(dirname "${BASH_SOURCE[0]}")/prefect_profile.py" \
            use "$GEOWIRE_PROFILE" "$LOCAL_API_URL" "$GEOWIRE_STATE"
        ;;
    worker)
        [ -n "${PREFECT_API_URL:-}" ] || die "set PREFECT_API_URL (and PREFECT_API_KEY for Prefect Cloud)"
        export PREFECT_API_URL
        ;;
    *) die "usage: serve.sh [all|worker]" ;;
esac
ensure_pool
start_worker
log "ready: PREFECT_API_URL=$PREFECT_API_URL, pool $GEOWIRE_POOL; register deployments with: make deploy"
if [ "${1:-all}" = all ]; then
    log "the API asks for GEOWIRE_API_AUTH_STRING of $GEOWIRE_SECRETS (the UI too, once);" \
        "plain prefect commands use it through the active profile $GEOWIRE_PROFILE"
fi
