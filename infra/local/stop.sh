#!/usr/bin/env bash
# Stop the local geowire stack that serve.sh started: the worker, the Prefect server, then
# PostgreSQL (fast shutdown: open connections are closed, data is kept in $GEOWIRE_STATE/pg).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

stop_group "$WORKER_PID" worker
stop_group "$SERVER_PID" "Prefect server"
bin="$(pg_bin)"
if [ -s "$PGDATA/PG_VERSION" ] && [ -n "$bin" ] && as_pg "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
    log "stopping PostgreSQL ($PGDATA)"
    as_pg "$bin/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
fi
if [ -x "$VENV/bin/python" ]; then  # plain `prefect` commands go back to the profile before serve.sh
    "$VENV/bin/python" "$(dirname "${BASH_SOURCE[0]}")/prefect_profile.py" restore "$GEOWIRE_STATE" || true
fi
log "stopped"
