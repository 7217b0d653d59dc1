"""Access tokens: issued once, kept only as their SHA-256 hash, and looked up by it."""

from __future__ import annotations

import hashlib
import secrets

from jobscore.domain.events import Role
from jobscore.errors import InvalidInput, Problem, Unauthorized
from jobscore.service.caller import Caller
from jobscore.store.port import Store

__all__ = ["authenticate", "hash_token", "issue_token"]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue_token(store: Store, role: Role, actor_id: str | None = None) -> str:
    """A new token for `role` (a client or freelancer needs its id); only its hash is kept."""
    if role is not Role.OPERATOR and not (actor_id or "").strip():
        raise InvalidInput(Problem("id", f"a {role} token needs the {role}'s id (--id)"))
    token = secrets.token_urlsafe(32)
    store.add_token(hash_token(token), role, actor_id or None)
    return token


def authenticate(store: Store, token: str) -> Caller:
    """The caller a bearer token speaks for; `Unauthorized` when the store knows no such token."""
    found = store.find_token(hash_token(token)) if token else None
    if found is None:
        raise Unauthorized("the token is not valid", field="authorization")
    return Caller(found.role, found.actor_id)
