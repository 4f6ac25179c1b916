"""Read a lake back the way analysts do: DuckDB over the Parquet files."""

from __future__ import annotations

from pathlib import Path

import duckdb


def rows(lake: Path, dataset: str, select: str = "*", where: str = "true", order: str = "1") -> list[tuple]:
    glob = f"{lake}/{dataset}/**/*.parquet"
    if not list((lake / dataset).glob("**/*.parquet")):
        return []
    sql = f"select {select} from read_parquet('{glob}', hive_partitioning=true) where {where} order by {order}"
    return duckdb.sql(sql).fetchall()


def count(lake: Path, dataset: str, where: str = "true") -> int:
    return rows(lake, dataset, "count(*)", where)[0][0] if (lake / dataset).exists() else 0


def snapshot_state(lake: Path) -> dict[str, list[tuple]]:
    """Every data row of every dataset but runs (a log that grows by design), sorted."""
    return {d: rows(lake, d) for d in ("articles", "mentions", "events", "quarantine")}
