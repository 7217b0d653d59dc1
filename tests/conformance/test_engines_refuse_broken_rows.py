"""Every engine refuses a file with a broken row, wherever the row falls, and writes nothing.

Scoring flags broken rows in its own scan (the only pass over every check when the file is
sound), so each engine's flag is held here to rows inside and outside every window, beside
valid contracts of the same freelancer or alone.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobscore.batch import score_marketplace
from jobscore.errors import InvalidInput
from jobscore.scoring import get_policy
from tests.conformance.engines import ENGINES, POLICIES, engine_for

AS_OF = datetime(2025, 7, 1, tzinfo=UTC)
HEADER = "contract_id,freelancer_id,client_id,started_at,ended_at,earned,stars\n"
SOUND = (
    "k1,f1,c1,2025-03-01,2025-03-10,135,1\n"
    "k2,f1,c2,2025-04-01,2025-04-20,2000,5\n"
    "k3,f2,c1,2025-04-01,2025-04-20,300,5\n"
)
BROKEN = {
    "beside valid contracts, in every window": "k9,f1,c3,2025-06-01,2025-06-10,-40,5\n",
    "alone, in no window": "k9,f9,c3,2019-05-01,2019-05-20,-40,5\n",
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("policy_name", POLICIES)
@pytest.mark.parametrize("where", list(BROKEN))
def test_a_broken_row_refuses_the_file(
    engine: str, policy_name: str, where: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    contracts = tmp_path / "contracts.csv"
    contracts.write_text(HEADER + SOUND + BROKEN[where])
    out = tmp_path / "scores.parquet"
    runner = engine_for(engine, request)
    with pytest.raises(InvalidInput) as refused:
        score_marketplace(
            contracts, out, policy=get_policy(policy_name), as_of=AS_OF, engine=runner
        )
    problems = refused.value.problems
    assert [(p.field, p.record) for p in problems] == [("earned", "contract k9")]
    assert "earnings cannot be negative" in problems[0].message
    assert list(tmp_path.iterdir()) == [contracts]
