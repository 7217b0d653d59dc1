"""The HTTP API: FastAPI routes over the service, one access table, one error body.

`create_app(settings)` builds it; nothing is built on import.
"""

from jobscore.api.access import ACCESS, ROLES, Access
from jobscore.api.app import create_app

__all__ = ["ACCESS", "ROLES", "Access", "create_app"]
