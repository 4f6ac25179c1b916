"""geowire: news-article dumps to CAMEO-coded geopolitical event data in a Parquet lake.

Stages (ingest, normalize, coding, validate, lake) are plain functions over Polars frames;
only ``flows/etl.py`` and ``flows/tasks.py`` import Prefect.
"""

__version__ = "0.1.0"
