"""Safety limits for reading untrusted dumps: ``flows.limits`` (a light module, so that the
settings can hold them without importing the readers)."""

from flows.limits import DEFAULT_LIMITS, GB, MB, Limits

__all__ = ["DEFAULT_LIMITS", "GB", "MB", "Limits"]
