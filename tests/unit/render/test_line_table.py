"""`LineTable` draws exactly what rich's Table draws, characters and styles, line by line."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from rich.text import Text

from jobscore.render.line_table import Justify, LineTable

STYLES = ["", "dim", "green", "bold red", "yellow on blue"]
words = st.text(st.sampled_from("ab z-.$,%—漢é"), max_size=10)
headers = st.text(st.sampled_from("ab z-漢"), min_size=1, max_size=12).filter(str.strip)


@st.composite
def cells(draw: st.DrawFn) -> str | Text:
    kind = draw(st.sampled_from(["plain", "styled", "spans"]))
    if kind == "plain":
        return draw(words)
    if kind == "styled":
        return Text(draw(words), style=draw(st.sampled_from(STYLES)))
    parts = draw(st.lists(st.tuples(words, st.sampled_from(STYLES)), min_size=1, max_size=2))
    return Text.assemble(*parts, style=draw(st.sampled_from(STYLES)))


@st.composite
def tables(draw: st.DrawFn) -> LineTable:
    justify: list[Justify] = ["left", "right"]
    columns = draw(st.lists(st.tuples(headers, st.sampled_from(justify)), min_size=1, max_size=5))
    table = LineTable(columns)
    for _ in range(draw(st.integers(0, 6))):
        table.add_row(*(draw(cells()) for _ in columns))
    return table


def draw_on(renderable: RenderableType, width: int, terminal: bool) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=terminal,
        color_system="truecolor" if terminal else None,
        highlight=False,
    )
    console.print(renderable)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


@given(tables(), st.booleans())
def test_a_table_that_fits_is_drawn_exactly_as_rich_draws_it(
    table: LineTable, terminal: bool
) -> None:
    # Five columns of at most two 10-character words, each character up to 2 cells wide.
    assert table.fits(300)
    assert draw_on(table, 300, terminal) == draw_on(table.as_table(), 300, terminal)


@given(tables(), st.integers(8, 40))
def test_a_table_wider_than_the_console_is_left_to_rich(table: LineTable, width: int) -> None:
    drawn = draw_on(table, width, terminal=True)
    assert drawn == draw_on(table.as_table(), width, terminal=True)
    if not table.fits(width):
        assert max(len(line) for line in draw_on(table, width, False).splitlines()) <= width


def test_cells_are_shown_as_written_never_read_as_markup() -> None:
    table = LineTable([("contract", "left"), ("client", "right")])
    table.add_row("[bold]k1[/bold]", "c:date:1")
    drawn = draw_on(table, 80, terminal=False)
    assert "[bold]k1[/bold]" in drawn
    assert "c:date:1" in drawn


def test_a_cell_on_two_lines_is_left_to_rich() -> None:
    table = LineTable([("contract", "left")])
    table.add_row("k1\nk2")
    assert not table.fits(80)
    assert draw_on(table, 80, terminal=False) == draw_on(table.as_table(), 80, terminal=False)


def test_a_row_must_have_a_cell_for_every_column() -> None:
    table = LineTable([("contract", "left"), ("client", "left")])
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        table.add_row("k1")
