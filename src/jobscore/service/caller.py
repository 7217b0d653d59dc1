"""Who is asking: a role and the id it speaks for, or an anonymous reader."""

from __future__ import annotations

from dataclasses import dataclass

from jobscore.domain.events import Role

__all__ = ["ANONYMOUS", "Caller"]


@dataclass(frozen=True, slots=True)
class Caller:
    #: None for an anonymous reader.
    role: Role | None
    actor_id: str | None = None

    @property
    def is_operator(self) -> bool:
        return self.role is Role.OPERATOR

    def speaks_for(self, freelancer_id: str) -> bool:
        """The freelancer itself, or the operator: who may read a freelancer's own tools and
        explanation."""
        return self.is_operator or (self.role is Role.FREELANCER and self.actor_id == freelancer_id)

    @property
    def name(self) -> str:
        if self.role is None:
            return "an anonymous reader"
        return " ".join(filter(None, (self.role.value, self.actor_id)))


ANONYMOUS = Caller(None)
