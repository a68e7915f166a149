"""Charts of the report as inline SVG, drawn by matplotlib (its SVG backend: no browser, no network).

Each chart has labelled axes, text kept as text (``svg.fonttype: none``), colours that reach 3:1 against white
(WCAG 1.4.11) and an accessible name; the report puts its numbers in a table beside it. Element ids are prefixed per
chart, so several charts in one page never share an id.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from typing import Any

# Each at least 4.5:1 against white (checked with the WCAG relative-luminance formula in tests/insights).
PALETTE = ("#1f4e79", "#b3441e", "#2d6a2e", "#6a3d9a", "#8a5a00", "#00676b", "#a1286a", "#4d4d4d")
TEXT = "#1a1a1a"
_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "advisor-insights",
    "font.size": 10,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": "#595959",
    "xtick.color": TEXT,
    "ytick.color": TEXT,
}


def _svg(figure: object, chart_id: str, title: str) -> str:
    from matplotlib.figure import Figure

    assert isinstance(figure, Figure)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    text = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", text)
    text = re.sub(r'href="#([^"]+)"', rf'href="#{chart_id}-\1"', text)
    safe = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return text.replace("<svg ", f'<svg role="img" aria-label="{safe}" ', 1)


def bar_chart(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float], *, xlabel: str) -> str:
    """Horizontal bars, largest on top."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]
        height = 1.2 + 0.35 * max(len(labels), 1)
        figure = Figure(figsize=(6.4, height))
        axes = figure.add_subplot()
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, list(values), color=PALETTE[0])
        axes.set_yticks(positions, [_short(label) for label in labels])
        axes.set_xlabel(xlabel)
        axes.set_title(title, color=TEXT)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        return _svg(figure, chart_id, title)


def line_chart(
    chart_id: str, title: str, x: Sequence[str], series: Mapping[str, Sequence[float]], *, xlabel: str, ylabel: str
) -> str:
    """One line per series over ``x`` (months), with a legend."""
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(7.2, 3.8))
        axes = figure.add_subplot()
        markers = "osD^v<>p"
        for index, (name, values) in enumerate(series.items()):
            color = PALETTE[index % len(PALETTE)]
            positions = list(range(len(x)))
            axes.plot(positions, list(values), label=_short(name), color=color, marker=markers[index % len(markers)])
        axes.set_xlabel(xlabel)
        axes.set_ylabel(ylabel)
        axes.set_title(title, color=TEXT)
        axes.spines[["top", "right"]].set_visible(False)
        axes.set_xticks(list(range(len(x))), list(x))  # categories: month labels are not parsed as dates
        axes.tick_params(axis="x", labelrotation=45)
        if series:
            axes.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        figure.tight_layout()
        return _svg(figure, chart_id, title)


def _short(label: str, limit: int = 38) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
