"""Policies by name. A policy is a value; this maps the names the CLI and API accept to them."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from jobscore.errors import UnknownPolicy
from jobscore.scoring.result import Policy
from jobscore.scoring.upwork_policy import UPWORK, UPWORK_2015

__all__ = ["DEFAULT_POLICY", "get_policy", "policy_names", "register_policy"]

DEFAULT_POLICY = "upwork"

_FACTORIES: dict[str, Callable[[], Policy]] = {
    "upwork": lambda: UPWORK,
    "upwork-2015": lambda: UPWORK_2015,
}
#: Policies defined in modules loaded on first use: name -> "module:attribute".
_LAZY: dict[str, str] = {"bayes": "jobscore.scoring.bayes_policy:BAYES"}


def register_policy(name: str, factory: Callable[[], Policy]) -> None:
    _FACTORIES[name] = factory


def policy_names() -> tuple[str, ...]:
    return tuple(sorted({*_FACTORIES, *_LAZY}))


def get_policy(name: str) -> Policy:
    if name in _FACTORIES:
        return _FACTORIES[name]()
    if name in _LAZY:
        module, _, attribute = _LAZY[name].partition(":")
        policy: Policy = getattr(import_module(module), attribute)
        return policy
    raise UnknownPolicy(name, policy_names())
