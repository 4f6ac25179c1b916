# Operations targets; the main Makefile includes this file (`include infra/Makefile.mk`).
# Settings come from the environment (see infra/local/common.sh and infra/prefect.yaml),
# e.g. `GEOWIRE_API_PORT=4300 make serve`, `GEOWIRE_INBOX=/srv/dumps make deploy`.
VENV ?= .venv
PY ?= $(VENV)/bin/python
# the main Makefile's virtualenv stamp, when there is one: the targets set up .venv first
INFRA_VENV := $(if $(STAMP),$(STAMP),)

.PHONY: serve stop deploy worker infra-services compose-secrets

serve: $(INFRA_VENV)  ## start PostgreSQL, the Prefect server (http://127.0.0.1:4200) and a worker
	VENV=$(VENV) bash infra/local/serve.sh

stop:  ## stop what `make serve` started
	VENV=$(VENV) bash infra/local/stop.sh

deploy: $(INFRA_VENV)  ## register etl-scheduled and etl-backfill against PREFECT_API_URL
	VENV=$(VENV) bash infra/local/deploy.sh

worker: $(INFRA_VENV)  ## only a worker, against an existing server or Prefect Cloud (PREFECT_API_URL)
	VENV=$(VENV) bash infra/local/serve.sh worker

infra-services:  ## install what the server tests need (PostgreSQL) on a fresh Debian machine
	bash infra/ci-services.sh

compose-secrets:  ## infra/.env for docker compose, every secret generated (mode 0600; kept if it exists)
	bash infra/local/secrets.sh compose infra/.env
