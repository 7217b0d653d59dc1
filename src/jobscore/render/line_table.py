"""A long table of one-line cells, drawn line by line.

rich's `Table` lays out and renders every cell on its own: for the hundreds of rows of
`jobscore explain` that costs far more than scoring the history. `LineTable` draws what
`Table(show_edge=False, pad_edge=False)` draws with its default box — the same characters in
the same places, each cell in its own style — straight as segments, a line per row. When the
table is wider than the console, it hands the rows to rich's `Table`, which shrinks and wraps
columns to fit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

__all__ = ["Justify", "LineTable"]

Justify = Literal["left", "right"]
Cell = str | Text

#: rich's default box (HEAVY_HEAD) without its outer edge: what separates the header cells,
#: the body cells, and the header from the body.
HEAD_DIVIDER, BODY_DIVIDER = "┃", "│"
HEAD_RULE, HEAD_CROSS = "━", "╇"
HEADER_STYLE = "bold"


def _width(cell: Cell) -> int:
    return cell_len(cell) if isinstance(cell, str) else cell.cell_len


def _one_line(cell: Cell) -> bool:
    return "\n" not in (cell if isinstance(cell, str) else cell.plain)


def _justified(console: Console, cell: Cell, width: int, justify: Justify) -> Iterator[Segment]:
    """One cell widened to `width` in the cell's own style, as rich justifies it (which drops
    the spaces a right-justified cell ends with)."""
    right = justify == "right"
    if isinstance(cell, str) or not cell.spans:
        plain = cell if isinstance(cell, str) else cell.plain
        plain = plain.rstrip() if right else plain
        gap = " " * (width - cell_len(plain))
        style = None if isinstance(cell, str) else _style(console, cell)
        yield Segment(gap + plain if right else plain + gap, style)
    else:
        padded = cell.copy()
        if right:
            padded.rstrip()
            padded.pad_left(width - padded.cell_len)
        else:
            padded.pad_right(width - padded.cell_len)
        if padded.spans:
            yield from padded.render(console)
        else:
            yield Segment(padded.plain, _style(console, padded))


def _style(console: Console, cell: Text) -> Style | None:
    # `Text.render` leaves a text's own style to its caller when the text has no spans.
    return console.get_style(cell.style) if cell.style else None


class LineTable:
    """Columns with a header and a justification, and rows of one-line cells: plain strings
    (shown as they are, never read as markup) or styled `Text`."""

    def __init__(self, columns: Sequence[tuple[str, Justify]]) -> None:
        self.columns = tuple(columns)
        self.rows: list[tuple[Cell, ...]] = []

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"a row of {len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(tuple(strip_control_codes(c) if isinstance(c, str) else c for c in cells))

    def widths(self) -> list[int]:
        """Each column's width: its widest cell, header included."""
        widths = [cell_len(header) for header, _ in self.columns]
        for row in self.rows:
            for index, cell in enumerate(row):
                widths[index] = max(widths[index], _width(cell))
        if len(widths) == 1:
            # rich draws a column at least one cell wide, padding included; only a lone
            # column has no padding.
            widths[0] = max(widths[0], 1)
        return widths

    def fits(self, width: int) -> bool:
        """Whether every row is one line no wider than `width`, as rich would draw it."""
        return self._fits(self.widths(), width)

    def _fits(self, widths: list[int], width: int) -> bool:
        # Each divider comes with a space of padding on either side.
        wide = sum(widths) + 3 * (len(widths) - 1)
        return wide <= width and all(_one_line(cell) for row in self.rows for cell in row)

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterator[Segment | Table]:
        widths = self.widths()
        if self._fits(widths, options.max_width):
            yield from self._segments(console, widths)
        else:
            yield self.as_table()

    def _segments(self, console: Console, widths: list[int]) -> Iterator[Segment]:
        bold = console.get_style(HEADER_STYLE)
        headers = [Text(header, style=bold) for header, _ in self.columns]
        yield from self._line(console, headers, widths, HEAD_DIVIDER, bold)
        # Every cell has a space of padding on each side but at the table's outer edges.
        last = len(widths) - 1
        rules = [HEAD_RULE * (w + (i > 0) + (i < last)) for i, w in enumerate(widths)]
        yield Segment(HEAD_CROSS.join(rules))
        yield Segment.line()
        for row in self.rows:
            yield from self._line(console, row, widths, BODY_DIVIDER, None)

    def _line(
        self,
        console: Console,
        cells: Sequence[Cell],
        widths: list[int],
        divider: str,
        padding: Style | None,
    ) -> Iterator[Segment]:
        last = len(cells) - 1
        space = Segment(" ", padding)
        for index, (cell, width, (_, justify)) in enumerate(
            zip(cells, widths, self.columns, strict=True)
        ):
            if index:
                yield space
            yield from _justified(console, cell, width, justify)
            if index < last:
                yield space
                yield Segment(divider)
        yield Segment.line()

    def as_table(self) -> Table:
        """The same rows as a rich Table, which can shrink and wrap columns to fit."""
        table = Table(show_edge=False, pad_edge=False)
        for header, justify in self.columns:
            table.add_column(header, justify=justify)
        for row in self.rows:
            table.add_row(*(Text(c) if isinstance(c, str) else c for c in row))
        return table
