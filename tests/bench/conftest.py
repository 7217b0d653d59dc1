"""The PostgreSQL fixtures of the store tests, for the snapshot benchmark's copy."""

from tests.conformance.store.conftest import postgres_namespace

__all__ = ["postgres_namespace"]
