"""Importing geowire does nothing but define things: no contract read, no library patched."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

CODE = """
import json
import flows.validate.contract as contract
read = []
real = contract.load_contract
contract.load_contract = lambda *a, **k: read.append(a[0]) or real(*a, **k)
import flows.validate
flows.validate.load_contract = contract.load_contract
from great_expectations.execution_engine import pandas_execution_engine as engine
threshold = engine.HASH_THRESHOLD
import flows.cli, flows.etl, flows.tasks, flows.pipeline, flows.normalize, flows.coding.mentions, flows.coding.events
from flows.normalize.articles import articles_schema
from flows.coding.schema import mention_schema, event_schema
cached = [f.cache_info().currsize for f in (articles_schema, mention_schema, event_schema)]
print(json.dumps({"read": read, "cached": cached, "patched": engine.HASH_THRESHOLD != threshold}))
"""


def test_importing_the_flow_reads_no_contract_and_patches_nothing():
    out = subprocess.run([sys.executable, "-c", CODE], cwd=REPO, capture_output=True, text=True,
                         check=True, timeout=180)
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen == {"read": [], "cached": [0, 0, 0], "patched": False}
