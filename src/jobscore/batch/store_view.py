"""A store's marketplace as the batch engine reads it: its derived tables, handed over as
Arrow (`Store.market_rows`), reduced in the engine to one row per contract in the history
columns, as `domain.market_facts.history_of` reduces a history as of an instant:

- a contract started by the instant; its end (who, why) once it happened;
- the money paid and refunded by then (`earned`, `refunded`), its last payment, and the
  90-day periods from its start, up to its end or last payment, with a payment in them
  (`paid_quarters`, as `domain.facts.quarters_with_a_payment` counts them);
- the client's feedback once revealed, dated at the reveal (the double-blind lifted: both
  sides gave theirs, or the window closed): its public stars as edited by then, its private
  score, and marked removed once moderation removed it;
- the outcome of the last dispute opened among those resolved by then;
- whether the client was flagged or suspended by then.

The store keeps each table's rows that had happened by the instant; the reduction applies
the instant again, so a table handed over whole gives the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from jobscore.batch.sources import Source, arrow_source
from jobscore.instants import DAYS_PER_QUARTER
from jobscore.scoring.sql import US_PER_DAY

__all__ = ["STORE_PREFIX", "market_view_sql", "store_source"]

#: The engine's name of each handed-over table: `store_contracts`, ... (the typed view of
#: contracts is `contracts`).
STORE_PREFIX = "store_"
_QUARTER = DAYS_PER_QUARTER * US_PER_DAY


def market_view_sql(as_of: datetime) -> str:
    """The history columns of every contract as of `as_of`, over the `store_*` tables."""
    t = f"TIMESTAMPTZ '{as_of.astimezone(UTC):%Y-%m-%d %H:%M:%S.%f}+00:00'"
    q = _QUARTER
    s = STORE_PREFIX
    return f"""WITH c AS (
  SELECT k.contract_id, k.freelancer_id, k.client_id, k.kind, k.category, k.currency,
    k.started_at,
    CASE WHEN k.ended_at <= {t} THEN k.ended_at END AS ended_at,
    CASE WHEN k.ended_at <= {t} THEN k.ended_by END AS ended_by,
    CASE WHEN k.ended_at <= {t} THEN k.end_reason END AS end_reason,
    CASE WHEN k.feedback_revealed_at <= {t} THEN k.feedback_revealed_at END AS revealed_at,
    COALESCE(cl.flagged_at <= {t} OR cl.suspended_at <= {t}, FALSE) AS client_flagged
  FROM {s}contracts AS k LEFT JOIN {s}clients AS cl ON cl.client_id = k.client_id
  WHERE k.started_at <= {t}
),
p AS (
  SELECT contract_id, EPOCH_US(paid_at) AS paid_us, amount_cents
  FROM {s}payments WHERE paid_at <= {t}
),
paid AS (
  SELECT contract_id, SUM(amount_cents) AS earned, MAX(paid_us) AS last_us
  FROM p GROUP BY contract_id
),
quarters AS (
  SELECT p.contract_id, COUNT(DISTINCT (p.paid_us - EPOCH_US(c.started_at)) // {q}) AS n
  FROM p JOIN c ON c.contract_id = p.contract_id
    JOIN paid ON paid.contract_id = p.contract_id
  WHERE (p.paid_us - EPOCH_US(c.started_at)) // {q}
    < (COALESCE(EPOCH_US(c.ended_at), paid.last_us) - EPOCH_US(c.started_at)) // {q}
  GROUP BY p.contract_id
),
r AS (
  SELECT contract_id, SUM(amount_cents) AS refunded
  FROM {s}refunds WHERE refunded_at <= {t} GROUP BY contract_id
),
d AS (
  SELECT contract_id, result FROM (
    SELECT contract_id, result,
      ROW_NUMBER() OVER (PARTITION BY contract_id ORDER BY opened_at DESC, dispute_id) AS n
    FROM {s}disputes WHERE resolved_at <= {t} AND result IS NOT NULL
  ) AS ranked WHERE n = 1
),
f AS (
  SELECT contract_id,
    CASE WHEN edited_at <= {t} THEN edited_stars ELSE stars END AS stars,
    private_score,
    COALESCE(removed_at <= {t}, FALSE) AS removed
  FROM {s}feedback WHERE side = 'client'
)
SELECT c.contract_id, c.freelancer_id, c.client_id, c.kind, c.started_at, c.ended_at,
  c.ended_by, c.end_reason,
  CAST(COALESCE(paid.earned, 0) * 0.01 AS DECIMAL(18, 2)) AS earned,
  CAST(COALESCE(r.refunded, 0) * 0.01 AS DECIMAL(18, 2)) AS refunded,
  MAKE_TIMESTAMPTZ(paid.last_us) AS last_payment_at,
  COALESCE(quarters.n, 0) AS paid_quarters,
  CASE WHEN c.revealed_at IS NOT NULL THEN f.stars END AS stars,
  CASE WHEN c.revealed_at IS NOT NULL THEN f.private_score END AS private_score,
  CASE WHEN f.contract_id IS NOT NULL THEN c.revealed_at END AS feedback_at,
  COALESCE(c.revealed_at IS NOT NULL AND f.removed, FALSE) AS feedback_removed,
  d.result AS dispute, c.client_flagged, c.category, c.currency
FROM c
  LEFT JOIN paid ON paid.contract_id = c.contract_id
  LEFT JOIN quarters ON quarters.contract_id = c.contract_id
  LEFT JOIN r ON r.contract_id = c.contract_id
  LEFT JOIN d ON d.contract_id = c.contract_id
  LEFT JOIN f ON f.contract_id = c.contract_id"""


def store_source(tables: Mapping[str, Any], as_of: datetime, name: str) -> Source:
    """The store's tables as a source of the history columns as of `as_of`."""
    named = {f"{STORE_PREFIX}{table}": rows for table, rows in tables.items()}
    return arrow_source(named, market_view_sql(as_of), name)
