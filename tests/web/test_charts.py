"""The server-side charts: an SVG picture with a summary for assistive technology, and the
same numbers as a table; every text escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from jobscore.web.charts import Bar, Line, bar_chart, line_chart


def _parts(markup: str) -> tuple[ET.Element, list[list[str]]]:
    svg = re.search(r"<svg .*?</svg>", markup, flags=re.S)
    assert svg is not None
    tree = ET.fromstring(
        svg.group(0).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    )
    rows = [
        re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)
        for row in re.findall(r"<tr>(.*?)</tr>", markup, flags=re.S)
    ]
    return tree, rows


def test_a_line_chart_draws_each_series_and_tables_its_numbers() -> None:
    chart = line_chart(
        "h",
        "History",
        [Line("keep", [("2026-01", 50.0), ("2026-02", None), ("2026-03", 90.0)]),
         Line("refund", [("2026-01", None), ("2026-02", 80.0), ("2026-03", 100.0)])],
        "month",
    )  # fmt: skip
    svg, rows = _parts(str(chart))
    ns = "{http://www.w3.org/2000/svg}"
    # A gap (no score) breaks a line: no polyline joins 50 and 90 across the missing month.
    assert len(svg.findall(f"{ns}polyline")) == 1
    assert len(svg.findall(f"{ns}circle")) == 4
    assert rows[0] == ["month", "keep", "refund"]
    assert rows[1:] == [
        ["2026-01", "50.0%", "no score"],
        ["2026-02", "no score", "80.0%"],
        ["2026-03", "90.0%", "100.0%"],
    ]
    assert svg.get("role") == "img"
    desc = svg.find(f"{ns}desc")
    assert desc is not None
    assert desc.text == "keep: from 50.0% to 90.0%; refund: from no score to 100.0%"


def test_a_bar_chart_scales_counts_to_a_round_top() -> None:
    chart = bar_chart("c", "Counts", [Bar("0–10", 3.0), Bar("10–20", 17.0)], unit="")
    svg, rows = _parts(str(chart))
    ns = "{http://www.w3.org/2000/svg}"
    heights = [float(r.get("height", "0")) for r in svg.findall(f"{ns}rect")]
    # 17 on an axis topped at 20: the bars stand 3/20 and 17/20 of the plot high.
    assert abs(heights[0] / heights[1] - 3 / 17) < 1e-6
    assert "20" in [t.text for t in svg.findall(f"{ns}text")]
    assert rows[1:] == [["0–10", "3"], ["10–20", "17"]]


def test_texts_are_escaped() -> None:
    chart = bar_chart("x", "<script>", [Bar("<b>", 50.0, note="a & b")])
    assert "<script>" not in str(chart)
    assert "&lt;b&gt;" in str(chart)
    assert "a &amp; b" in str(chart)
