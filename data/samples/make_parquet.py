"""Rebuild data/samples/desk.parquet from _src/articles.yaml (invented articles).

Run from the repository root: `.venv/bin/python data/samples/make_parquet.py`.
"""

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

HERE = Path(__file__).parent
IDS = ["haiti-mission", "canberra-beijing"]


def main() -> None:
    articles = {a["id"]: a for a in yaml.safe_load((HERE / "_src" / "articles.yaml").read_text("utf-8"))}
    rows = [articles[i] for i in IDS]
    table = pa.table({
        "title": [a["title"] for a in rows],
        "content": [a["text"] for a in rows],
        "published": pa.array([datetime.fromisoformat(a["published"].replace("Z", "")) for a in rows],
                              pa.timestamp("s")),
        "url": [a["url"] for a in rows],
        "source": [a["source"] for a in rows],
        "authors": [[a["author"]] for a in rows],
    })
    pq.write_table(table, HERE / "desk.parquet", compression="zstd")


if __name__ == "__main__":
    main()
