# Shared settings and helpers of the local stack scripts (sourced, not run).
# Every setting can be overridden from the environment; the defaults give the stack that
# `make serve` starts: PostgreSQL on 127.0.0.1:5433, Prefect on http://127.0.0.1:4200/api.

GEOWIRE_HOME="${GEOWIRE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
VENV="${VENV:-$GEOWIRE_HOME/.venv}"
case "$VENV" in /*) ;; *) VENV="$GEOWIRE_HOME/$VENV" ;; esac
GEOWIRE_STATE="${GEOWIRE_STATE:-$GEOWIRE_HOME/infra/.state}"
GEOWIRE_PG_PORT="${GEOWIRE_PG_PORT:-5433}"
GEOWIRE_PG_USER="${GEOWIRE_PG_USER:-prefect}"
GEOWIRE_PG_DB="${GEOWIRE_PG_DB:-prefect}"
GEOWIRE_API_PORT="${GEOWIRE_API_PORT:-4200}"
GEOWIRE_POOL="${GEOWIRE_POOL:-geowire-process}"
GEOWIRE_WORKER_NAME="${GEOWIRE_WORKER_NAME:-geowire-local-$GEOWIRE_API_PORT}"
GEOWIRE_WORKER_QUERY_SECONDS="${GEOWIRE_WORKER_QUERY_SECONDS:-5}"
GEOWIRE_START_TIMEOUT="${GEOWIRE_START_TIMEOUT:-120}"
# generated passwords (PostgreSQL, API auth string): mode 0600, git-ignored, made by serve.sh
GEOWIRE_SECRETS="${GEOWIRE_SECRETS:-$GEOWIRE_STATE/secrets.env}"
GEOWIRE_PROFILE="${GEOWIRE_PROFILE:-geowire}"
# origins allowed to call the API from a browser: the UI's own
GEOWIRE_UI_ORIGINS="${GEOWIRE_UI_ORIGINS:-http://127.0.0.1:$GEOWIRE_API_PORT,http://localhost:$GEOWIRE_API_PORT}"

LOCAL_API_URL="http://127.0.0.1:$GEOWIRE_API_PORT/api"
PGDATA="$GEOWIRE_STATE/pg"
PGRUN="$GEOWIRE_STATE/pg-run"
LOGS="$GEOWIRE_STATE/logs"
SERVER_PID="$GEOWIRE_STATE/server.pid"
WORKER_PID="$GEOWIRE_STATE/worker.pid"
PREFECT="$VENV/bin/prefect"

log() { printf '[geowire-infra] %s\n' "$*" >&2; }
die() { printf '[geowire-infra] error: %s\n' "$*" >&2; exit 1; }

# PostgreSQL's bin folder: $GEOWIRE_PG_BIN, else Debian's 15, else the newest installed.
pg_bin() {
    if [ -n "${GEOWIRE_PG_BIN:-}" ]; then echo "$GEOWIRE_PG_BIN"; return; fi
    if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return; fi
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$dir" ] && command -v initdb >/dev/null; then dir="$(dirname "$(command -v initdb)")"; fi
    echo "$dir"
}

# PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user.
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u "${GEOWIRE_PG_OS_USER:-postgres}" -- "$@"; else "$@"; fi
}

# Set GEOWIRE_PG_PASSWORD and GEOWIRE_API_AUTH_STRING from $GEOWIRE_SECRETS (values already in
# the environment win); with "generate", write the file first when it does not exist.
load_secrets() {
    if [ "${1:-}" = generate ] && [ ! -s "$GEOWIRE_SECRETS" ]; then
        if [ -s "$PGDATA/PG_VERSION" ] && [ -z "${GEOWIRE_PG_PASSWORD:-}" ]; then
            log "warning: $PGDATA predates generated secrets and keeps the password 'prefect';" \
                "for generated ones: make stop && rm -rf $GEOWIRE_STATE && make serve"
            GEOWIRE_PG_PASSWORD=prefect
        fi
        GEOWIRE_PG_PASSWORD="${GEOWIRE_PG_PASSWORD:-}" GEOWIRE_API_AUTH_STRING="${GEOWIRE_API_AUTH_STRING:-}" \
            bash "$(dirname "${BASH_SOURCE[0]}")/secrets.sh" local "$GEOWIRE_SECRETS"
    fi
    [ -s "$GEOWIRE_SECRETS" ] || return 0
    local key value
    while IFS='=' read -r key value; do
        case "$key" in
            GEOWIRE_PG_PASSWORD|GEOWIRE_API_AUTH_STRING) [ -n "${!key:-}" ] || printf -v "$key" '%s' "$value" ;;
        esac
    done <"$GEOWIRE_SECRETS"
}

pg_url() {
    echo "postgresql+asyncpg://$GEOWIRE_PG_USER:$GEOWIRE_PG_PASSWORD@127.0.0.1:$GEOWIRE_PG_PORT/$GEOWIRE_PG_DB"
}

# True when the pid file names a live process.
alive() {
    local pidfile="$1"
    [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

api_healthy() {
    curl -fsS --max-time 3 "$1/health" 2>/dev/null | grep -q true
}

# Create the process work pool $GEOWIRE_POOL on $PREFECT_API_URL unless it exists.
ensure_pool() {
    if "$PREFECT" work-pool inspect "$GEOWIRE_POOL" >/dev/null 2>&1; then
        log "work pool $GEOWIRE_POOL exists"
    else
        log "creating work pool $GEOWIRE_POOL (type process)"
        "$PREFECT" --no-prompt work-pool create "$GEOWIRE_POOL" --type process >/dev/null
    fi
}

# Start a command in the background, its output appended to log file $1 and its pid
# written to pid file $2. Job control (set -m) gives it a process group of its own and
# keeps SIGINT at its default (a non-interactive bash would have the job ignore SIGINT,
# and Prefect's worker stops on SIGTERM by sending itself SIGINT).
start_detached() {
    local logfile="$1" pidfile="$2"
    shift 2
    set -m
    nohup "$@" >>"$logfile" 2>&1 </dev/null &
    echo $! >"$pidfile"
    set +m
}

# Stop the process led by the pid in $1: TERM, then after 30 s KILL its whole process group
# (start_detached gave it a group of its own, children included).
stop_group() {
    local pidfile="$1" what="$2" pid i
    if ! alive "$pidfile"; then rm -f "$pidfile"; return 0; fi
    pid="$(cat "$pidfile")"
    log "stopping $what (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$what did not stop in 30 s: killing it"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
}
