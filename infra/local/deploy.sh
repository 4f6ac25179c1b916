#!/usr/bin/env bash
# Register the deployments of infra/prefect.yaml against $PREFECT_API_URL (default: the
# local stack of serve.sh), without prompts. Deploys all of them, or only those named:
#   deploy.sh                     etl-scheduled and etl-backfill
#   deploy.sh etl-backfill        only that one
# With GEOWIRE_ALERT_WEBHOOK set, it also creates the automation that posts failed, crashed
# and timed-out etl runs to that URL (alerts.py).
# The {{ $GEOWIRE_* }} values in prefect.yaml get their defaults here (see that file).
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

export PREFECT_API_URL="${PREFECT_API_URL:-$LOCAL_API_URL}"
if [ "$PREFECT_API_URL" = "$LOCAL_API_URL" ] && [ -z "${PREFECT_API_AUTH_STRING:-}" ]; then
    load_secrets  # the local stack's auth string, from $GEOWIRE_SECRETS
    [ -z "${GEOWIRE_API_AUTH_STRING:-}" ] || export PREFECT_API_AUTH_STRING="$GEOWIRE_API_AUTH_STRING"
fi
export GEOWIRE_HOME GEOWIRE_POOL
export GEOWIRE_INBOX="${GEOWIRE_INBOX:-data/inbox}"
export GEOWIRE_LAKE="${GEOWIRE_LAKE:-data/lake}"
export GEOWIRE_CRON="${GEOWIRE_CRON:-0 * * * *}"
export GEOWIRE_TZ="${GEOWIRE_TZ:-UTC}"
PREFECT_FILE="${GEOWIRE_PREFECT_FILE:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/prefect.yaml}"

[ -x "$PREFECT" ] || die "$PREFECT not found: create the virtualenv first or set VENV"
api_healthy "$PREFECT_API_URL" || [ -n "${PREFECT_API_KEY:-}" ] \
    || die "no Prefect API answers at $PREFECT_API_URL: run make serve, or set PREFECT_API_URL"
if [ "$#" -eq 0 ]; then
    selection=(--all)
else
    selection=()
    for name in "$@"; do selection+=(--name "$name"); done
fi
cd "$GEOWIRE_HOME"
ensure_pool
case "$GEOWIRE_INBOX" in *://*) ;; *) mkdir -p "$GEOWIRE_INBOX" ;; esac
log "deploying from $PREFECT_FILE to $PREFECT_API_URL (inbox $GEOWIRE_INBOX, lake $GEOWIRE_LAKE, cron '$GEOWIRE_CRON' $GEOWIRE_TZ)"
"$PREFECT" --no-prompt deploy "${selection[@]}" --prefect-file "$PREFECT_FILE"
if [ -n "${GEOWIRE_ALERT_WEBHOOK:-}" ]; then
    "$VENV/bin/python" "$(dirname "${BASH_SOURCE[0]}")/alerts.py"
else
    log "GEOWIRE_ALERT_WEBHOOK not set: no alert on failed runs (see infra/README.md)"
fi
