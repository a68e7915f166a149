"""The report as files: one self-contained HTML page (no script, no external request) and one CSV per table."""

from __future__ import annotations

import csv
import html
import time
from pathlib import Path

from bot.insights.report import Report, Table


def write_csv(report: Report, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in report.tables:
        path = directory / f"{table.name}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.columns)
            writer.writerows(table.rows)
        paths.append(path)
    return paths


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;margin:0;
line-height:1.45}
header,main,footer{max-width:1100px;margin:0 auto;padding:0 1.25rem}
h1{font-size:1.6rem;margin:1.2rem 0 .3rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #1f4e79}
.note{background:#eef3f8;border-left:4px solid #1f4e79;padding:.6rem .9rem}
.pair{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:flex-start}.pair figure{margin:0;flex:1 1 420px}
.pair svg{max-width:100%;height:auto}.pair .numbers{flex:1 1 320px}
table{border-collapse:collapse;width:100%;font-size:.92rem}caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid #8c8c8c;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#e8e8e8}
td.n{text-align:right}dl.totals{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dt{font-weight:600}dd{margin:0}footer{margin-top:2rem;padding-bottom:2rem;color:#404040;font-size:.9rem}
"""


def _table_html(table: Table) -> str:
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in table.columns)
    body = []
    for row in table.rows:
        cells = []
        for value in row:
            numeric = isinstance(value, int | float)
            cells.append(f'<td class="n">{value}</td>' if numeric else f"<td>{html.escape(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body.append(f'<tr><td colspan="{len(table.columns)}">Nothing to show yet.</td></tr>')
    return (
        f"<table><caption>{html.escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def render_html(report: Report) -> str:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(report.generated))
    scope = f" for {html.escape(report.provider)}" if report.provider else ""
    totals = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in report.totals.items())
    sections = []
    for table in report.tables:
        numbers = _table_html(table)
        if table.chart:
            figure = f'<figure aria-hidden="false">{table.chart}</figure>'
            block = f'<div class="pair">{figure}<div class="numbers">{numbers}</div></div>'
        else:
            block = numbers
        sections.append(f'<section aria-labelledby="h-{table.name}"><h2 id="h-{table.name}">'
                        f"{html.escape(table.caption)}</h2>{block}</section>")  # fmt: skip
    hidden = (
        f"<p>{report.hidden_topics} smaller topic(s), {report.hidden_people} conversation-day(s) in all, are below K "
        "and not shown.</p>"
        if report.hidden_topics
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Advisor insights{scope}</title><style>{_CSS}</style></head>
<body><header><h1>What people asked the advisor{scope}</h1>
<p>The last {report.since_days} days, made {when}.</p></header>
<main>
<p class="note"><strong>How to read this.</strong> Counts are <em>conversation-days</em>: one conversation on one
day counts once, however many messages it had, and one person who comes back on five days counts five. No text is
shown unless at least K = {report.min_people} conversation-days used it, so no one can be recognised by their
words. "Unmet" means the advisor found nothing about the question (no result), only loosely related offerings
(weak result), or could not tell what was asked (fallback).</p>
<section aria-labelledby="h-totals"><h2 id="h-totals">At a glance</h2><dl class="totals">{totals}</dl>{hidden}
</section>
{"".join(sections)}
</main>
<footer><p>Made by <code>advisor insights report</code> from anonymous events: no names, messages, e-mail addresses,
phone numbers or session ids are collected. Every table is also in the CSV files (<code>--csv</code>).</p></footer>
</body></html>
"""


def write_html(report: Report, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(report), encoding="utf-8")
    return path
