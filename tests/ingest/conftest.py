from pathlib import Path

import polars as pl
import pytest

from flows.ingest import iter_raw_batches

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"


def read_all(path, **kwargs) -> pl.DataFrame:
    frames = list(iter_raw_batches(str(path), **kwargs))
    return pl.concat(frames) if frames else pl.DataFrame()


@pytest.fixture
def samples() -> Path:
    return SAMPLES
