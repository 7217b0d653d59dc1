"""The Parquet files batch scoring writes, read back (pyarrow, through `jobscore.io.arrow`)."""

from __future__ import annotations

from jobscore.io.arrow import read_rows

__all__ = ["read_rows"]
