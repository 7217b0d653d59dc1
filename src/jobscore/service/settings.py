"""The service's settings: one frozen value, built by the entry point that reads the
environment or the command line; nothing here reads either."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["DATABASE_URL_VARIABLE", "Settings"]

#: The environment variable naming the store, as on every command that opens one.
DATABASE_URL_VARIABLE = "JOBSCORE_DATABASE_URL"


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = "sqlite:///jobscore.db"
    host: str = "127.0.0.1"
    port: int = 8000

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> Settings:
        """Settings from an environment the entry point hands in (`os.environ`)."""
        url = environment.get(DATABASE_URL_VARIABLE, "").strip()
        return cls(database_url=url) if url else cls()
