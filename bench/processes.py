"""The process tree of a benchmark, read from /proc (Linux): which processes a run started,
so that their CPU time and memory count with it."""

from __future__ import annotations

from pathlib import Path

__all__ = ["descendants", "process_stats"]


def process_stats() -> dict[int, list[str]]:
    """Every process's /proc/<pid>/stat fields from the third (state) on (Linux)."""
    stats: dict[int, list[str]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name (field 2) is in parentheses and may hold spaces.
            stats[int(stat.parent.name)] = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
    return stats


def descendants(pid: int, stats: dict[int, list[str]] | None = None) -> list[int]:
    """The processes started, directly or not, by `pid`."""
    parents = {child: int(fields[1]) for child, fields in (stats or process_stats()).items()}
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found
