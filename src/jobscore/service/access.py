"""The words of the access tables: which roles there are, and what a table may say of one.

The HTTP API (`jobscore.api.access.ACCESS`) and the web pages (`jobscore.web.access.PAGES`)
each keep one table of their routes in these words, so the two say the same thing the same
way.
"""

from __future__ import annotations

from enum import StrEnum

from jobscore.service.caller import Caller

__all__ = ["ROLES", "Access", "role_of"]


class Access(StrEnum):
    ALLOWED = "allowed"
    #: Allowed on the caller's own records only (its contracts, its own score).
    OWN = "own"
    DENIED = "denied"


#: The four roles, `anonymous` being a request without a token.
ROLES = ("operator", "client", "freelancer", "anonymous")


def role_of(caller: Caller) -> str:
    """The caller's role as the tables name it."""
    return caller.role.value if caller.role is not None else "anonymous"
