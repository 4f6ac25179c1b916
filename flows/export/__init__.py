"""export: hand the lake to other tools in their formats (GDELT 2.0 Events and Mentions files)."""

from .files import ExportError, ExportSummary, export_gdelt
from .gdelt import gdelt_columns, gdelt_events, gdelt_mentions, global_event_id, split_actor_code

__all__ = ["ExportError", "ExportSummary", "export_gdelt", "gdelt_columns", "gdelt_events",
           "gdelt_mentions", "global_event_id", "split_actor_code"]
