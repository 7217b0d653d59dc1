"""A small generated marketplace as recorded facts: the benchmark's writer at a small scale,
its log read back as the facts the service would have recorded one by one."""

from __future__ import annotations

import json

from bench.snapshot_store import NOW, Market, generate

from jobscore.domain.events import FreelancerRegistered, Recorded, Role
from jobscore.instants import parse_instant
from jobscore.store.codec import decode_fact

__all__ = ["IDLE", "NOW", "recorded_market"]

#: A freelancer registered with no contract.
IDLE = "f-idle"


def recorded_market(contracts: int = 200, freelancers: int = 24, seed: int = 7) -> list[Recorded]:
    market = Market(contracts, freelancers, clients=12, seed=seed)
    facts = []
    for table, rows in generate(market):
        if table != "event_log":
            continue
        for row in rows:
            _, _, _, recorded_at, role, actor, key, _, body = row
            fact = decode_fact(json.loads(body))
            at = parse_instant(recorded_at.replace(" ", "T") + "Z")
            facts.append(Recorded(fact, at, Role(role), actor, key))
    idle = FreelancerRegistered(facts[0].fact.at, IDLE)
    return [Recorded(idle, idle.at, Role.OPERATOR), *facts]
