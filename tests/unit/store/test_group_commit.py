"""Group commit: items submitted while a group is being made wait, and are made together in
the next one; each gets its own answer, and a group that fails fails every item of it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from jobscore.store.group_commit import GroupCommit


class Refused(Exception):
    pass


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


class Recorder:
    """A `run` that answers each item with itself doubled (a negative one is refused), and
    holds its first group until it is let go."""

    def __init__(self) -> None:
        self.groups: list[list[int]] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail_next = False

    def __call__(self, items: list[int]) -> list[int | Exception]:
        self.entered.set()
        if not self.groups:
            self.release.wait(timeout=10)
        self.groups.append(items)
        if self.fail_next:
            self.fail_next = False
            raise OSError("the disk is gone")
        return [Refused(f"no {i}") if i < 0 else 2 * i for i in items]


def _submit_all(
    commit: GroupCommit[int, int], run: Recorder, later: list[int]
) -> dict[int, int | BaseException]:
    """Submit 1, then `later` one by one while the first group is held; let it go."""
    answers: dict[int, int | BaseException] = {}

    def submit(item: int) -> None:
        try:
            answers[item] = commit.submit(item)
        except BaseException as error:
            answers[item] = error

    threads = [threading.Thread(target=submit, args=(1,))]
    threads[0].start()
    assert run.entered.wait(timeout=10)
    for n, item in enumerate(later, start=1):
        threads.append(threading.Thread(target=submit, args=(item,)))
        threads[-1].start()
        _until(lambda n=n: commit.waiting() == n)
    run.release.set()
    for thread in threads:
        thread.join(timeout=10)
    return answers


def test_items_waiting_are_made_in_one_group_each_answered_its_own() -> None:
    run = Recorder()
    commit: GroupCommit[int, int] = GroupCommit(run)
    answers = _submit_all(commit, run, [2, -3, 4])
    assert run.groups == [[1], [2, -3, 4]]
    assert {k: v for k, v in answers.items() if k != -3} == {1: 2, 2: 4, 4: 8}
    assert isinstance(answers[-3], Refused)
    assert commit.submit(5) == 10
    assert run.groups[-1] == [5]


def test_a_group_that_fails_fails_every_item_of_it_and_the_next_goes_on() -> None:
    run = Recorder()
    commit: GroupCommit[int, int] = GroupCommit(run)
    run.release.set()
    assert commit.submit(1) == 2
    run.fail_next = True
    with pytest.raises(OSError, match="the disk is gone"):
        commit.submit(7)
    assert commit.submit(8) == 16
