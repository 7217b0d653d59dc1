"""The distributed engine: Apache Spark. The only jobscore module that imports pyspark.

It runs the same SQL as the embedded engine, translated by `dialects.to_spark`. Given no
session, it starts a local one (`local[*]`); on a cluster, hand it the session you have.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]
from pyspark.errors import PySparkException
from pyspark.sql import SparkSession
from pyspark.sql.types import StringType, StructField, StructType

from jobscore.batch.dialects import to_spark
from jobscore.batch.sources import Source, SourceFormat, csv_column
from jobscore.batch.staging_sql import FILE_VIEW
from jobscore.errors import EngineFailure, InvalidInput, JobScoreError, Problem
from jobscore.extras import require

__all__ = ["SparkEngine", "local_session"]

#: Catalyst's CollapseProject merges each step of the scoring query into the next, copying a
#: step's expressions into every place that uses them; over the query's chain of CASE
#: expressions that grows the plan exponentially, and planning alone exhausts the driver.
#: Without the rule each step is computed once, as written.
_EXCLUDED_RULES = "org.apache.spark.sql.catalyst.optimizer.CollapseProject"
#: Constraint propagation derives, for every filter, the constraints each later step's aliases
#: imply. The staging step's filter of blank rows reads every column of the file, and through
#: the scoring query's aliases that set of constraints grows until planning exhausts the
#: driver. Filters are pushed down without it; only the inferred extra filters are lost.
_CONSTRAINTS = "spark.sql.constraintPropagation.enabled"
#: Words of the errors Spark raises for a file it cannot read, rather than for the SQL.
_READ_ERRORS = ("MALFORMED_RECORD", "Malformed CSV record", "FAILED_READ_FILE")


def local_session(master: str = "local[*]", shuffle_partitions: int = 4) -> SparkSession:
    """A quiet local session with UTC time, sized for one machine."""
    session = (
        SparkSession.builder.master(master)
        .appName("jobscore-batch")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.ansi.enabled", "false")
        # Planning the scoring query (dozens of columns through several CTEs) needs more than
        # the default 1 GB of driver heap.
        .config("spark.driver.memory", "2g")
        .config("spark.sql.optimizer.excludedRules", _EXCLUDED_RULES)
        .config(_CONSTRAINTS, "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine:
    name = "spark"
    # Catalyst plans a CTE anew wherever it is read.
    computes_shared_steps_once = False

    def __init__(self, session: SparkSession | None = None, master: str = "local[*]") -> None:
        require("spark")  # before a session starts: the rest of the extra is needed later
        # A session already running in this process (a notebook's, a test run's) is borrowed,
        # never stopped.
        self._owns_session = session is None and SparkSession.getActiveSession() is None
        self._session = session if session is not None else local_session(master)
        _plan_as_written(self._session)
        self._persisted: dict[str, Any] = {}
        self._source: Source | None = None

    def load(self, source: Source) -> Mapping[str, str]:
        self._source = source
        if source.format is SourceFormat.ARROW:
            raise EngineFailure("the Spark engine reads files; score an Arrow table with duckdb")
        files = [str(p) for p in source.files]
        try:
            if source.format is SourceFormat.CSV:
                # RFC 4180 quoting (a quote inside quotes is doubled), every value as text,
                # columns by position: the staging step names them from the header.
                schema = StructType(
                    [StructField(csv_column(i), StringType()) for i in range(len(source.header))]
                )
                frame = self._session.read.csv(
                    files, header=True, schema=schema, mode="FAILFAST", escape='"'
                )
            else:
                frame = self._session.read.option("mergeSchema", "true").parquet(*files)
        except (PySparkException, Py4JJavaError) as exc:
            raise self._unreadable(exc) from exc
        frame.createOrReplaceTempView(FILE_VIEW)
        return {field.name: field.dataType.simpleString() for field in frame.schema.fields}

    def execute(self, sql: str) -> None:
        self._sql(sql)

    def materialize(self, name: str, sql: str) -> None:
        self.forget(name)
        frame = self._sql(sql).persist()
        self._persisted[name] = frame
        frame.createOrReplaceTempView(name)

    def forget(self, name: str) -> None:
        frame = self._persisted.pop(name, None)
        if frame is not None:
            frame.unpersist()
            self._session.catalog.dropTempView(name)

    def query(self, sql: str) -> list[dict[str, Any]]:
        try:
            return [row.asDict() for row in self._sql(sql).collect()]
        except (PySparkException, Py4JJavaError) as exc:
            raise self._failure(exc) from exc

    def write_parquet(self, sql: str, path: Path) -> None:
        # Spark writes a directory of parts; one partition gives one part, moved to `path`.
        staging = path.with_name(path.name + ".spark")
        try:
            self._sql(sql).coalesce(1).write.mode("overwrite").parquet(str(staging))
            parts = sorted(staging.glob("part-*.parquet"))
            if len(parts) != 1:
                raise EngineFailure(f"Spark wrote {len(parts)} parts, expected one")
            parts[0].replace(path)
        except (PySparkException, Py4JJavaError) as exc:
            raise self._failure(exc) from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    def close(self) -> None:
        for name in list(self._persisted):
            self.forget(name)
        if self._owns_session:
            self._session.stop()

    def _sql(self, sql: str) -> Any:
        try:
            return self._session.sql(to_spark(sql))
        except (PySparkException, Py4JJavaError) as exc:
            raise self._failure(exc) from exc

    def _failure(self, exc: Exception) -> JobScoreError:
        """The file is read as a query runs: a row it cannot read fails the query."""
        text = str(exc)
        if self._source is not None and any(word in text for word in _READ_ERRORS):
            return self._unreadable(exc)
        return EngineFailure(f"Spark failed: {_first_line(exc)}")

    def _unreadable(self, exc: Exception) -> InvalidInput:
        source = self._source
        assert source is not None
        record = re.search(r"Malformed CSV record: ?(.*)", str(exc))
        if record is not None:
            return InvalidInput(
                Problem(
                    "values",
                    f"a row does not have one value for each of the header's"
                    f" {len(source.header)} columns: {record[1].strip()!r}; quote a value that"
                    " holds a comma, and give every column a value, even an empty one",
                    source.name,
                )
            )
        return InvalidInput(
            Problem(
                "file", f"is not a readable {source.format} file: {_first_line(exc)}", source.name
            )
        )


def _plan_as_written(session: SparkSession) -> None:
    """Add the rule to the session's excluded optimizer rules, and turn constraint propagation
    off (runtime settings, so a session handed in gets them too)."""
    key = "spark.sql.optimizer.excludedRules"
    current = [rule for rule in (session.conf.get(key, "") or "").split(",") if rule.strip()]
    if _EXCLUDED_RULES not in current:
        session.conf.set(key, ",".join([*current, _EXCLUDED_RULES]))
    session.conf.set(_CONSTRAINTS, "false")


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
