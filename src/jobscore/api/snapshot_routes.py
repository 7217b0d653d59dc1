"""The snapshot routes: take one now (the operator), and read the last one taken."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, ConfigDict, Field

from jobscore.api.auth import caller, service
from jobscore.api.schemas import Instant
from jobscore.errors import NotFound
from jobscore.scoring.catalog import CATALOG
from jobscore.service import Caller, Service
from jobscore.service.snapshots import snapshot_run_json

__all__ = ["SnapshotBody", "router"]

router = APIRouter()

Who = Annotated[Caller, Depends(caller)]
Use = Annotated[Service, Depends(service)]


class SnapshotBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    as_of: Instant | None = Field(default=None, description="score as of this instant; now")
    policies: list[str] = Field(
        default_factory=list,
        description=f"the policies to score under (default: all of {', '.join(CATALOG.names())})",
    )


@router.post("/snapshots", tags=["snapshots"], status_code=201)
def take_snapshot(who: Who, use: Use, response: Response, body: SnapshotBody) -> dict[str, Any]:
    """Score every freelancer under each policy with the batch engine, and record the rows;
    answers the run: its rows, the seconds spent reading the store and scoring, and what
    `bayes` fitted to the marketplace."""
    run = use.take_snapshot(body.as_of, body.policies)
    response.status_code = 201
    return snapshot_run_json(run)


@router.get("/snapshots/latest", tags=["snapshots"])
def latest_snapshot(who: Who, use: Use) -> dict[str, Any]:
    """The last snapshot taken."""
    found = use.latest_snapshot()
    if found is None:
        raise NotFound("no snapshot has been taken yet", record="snapshot", field="snapshot")
    return found
