"""``advisor insights report``: the aggregates a program coordinator reads, from DuckDB over the event files.

Sources are folders holding event files (``events/day=*/*.jsonl``, as the writer leaves them) and/or Parquet files
(``advisor insights export``); DuckDB reads them in place. Only aggregates leave here, and every verbatim text
(a topic's label words, an example phrasing, a fallback phrasing) is shown only when at least K distinct
conversation-days used it. The conversation key rotates daily, so a distinct key *is* a conversation-day: one
person on five days counts five.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.insights import charts
from bot.insights.events import COLUMNS, UNMET_OUTCOMES
from bot.insights.topics import EmbeddingCache, cluster

if TYPE_CHECKING:
    import duckdb

    from index.embedder import Embedder
    from knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)

TOPIC_OUTCOMES = tuple(sorted(UNMET_OUTCOMES))
MAX_TOPICS = 25
# Words that say nothing about a subject; never a topic's label.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "anything",
        "are",
        "as",
        "at",
        "be",
        "been",
        "can",
        "class",
        "classes",
        "college",
        "course",
        "courses",
        "do",
        "does",
        "for",
        "from",
        "get",
        "getting",
        "go",
        "have",
        "how",
        "i",
        "i'm",
        "im",
        "in",
        "into",
        "is",
        "it",
        "learn",
        "learning",
        "like",
        "looking",
        "me",
        "micro",
        "my",
        "near",
        "need",
        "of",
        "on",
        "one",
        "or",
        "program",
        "programs",
        "some",
        "something",
        "take",
        "the",
        "there",
        "this",
        "to",
        "training",
        "want",
        "way",
        "what",
        "where",
        "which",
        "who",
        "with",
        "would",
        "you",
        "your",
        "become",
        "certification",
        "certificate",
        "free",
        "online",
        "help",
        "please",
        "thanks",
        "hi",
        "get",
        # fillers and qualifiers that say how, not what
        "hello",
        "hey",
        "question",
        "asap",
        "part",
        "time",
        "adults",
        "cheap",
        "short",
        "evening",
        "evenings",
        "near",
        "study",
        "there",
        "lost",
        "job",
        "retrain",
        "newcomers",
        "beginners",
        "soon",
    ]
)


class ReportError(Exception):
    """The report cannot be made; the message says what to fix."""


@dataclass
class Table:
    name: str
    caption: str
    columns: list[str]
    rows: list[list[Any]]
    chart: str = ""  # inline SVG drawn from these rows


@dataclass
class Report:
    since_days: int
    min_people: int
    provider: str | None
    generated: float
    totals: dict[str, Any] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    hidden_topics: int = 0
    hidden_people: int = 0


def connect(sources: list[Path]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view ``events`` over every event file and Parquet file under ``sources``."""
    import duckdb

    con = duckdb.connect()
    columns = ", ".join(COLUMNS)
    jsonl = sorted(str(p) for source in sources for p in source.glob("events/day=*/*.jsonl") if p.stat().st_size)
    parquet = sorted(str(p) for source in sources for p in source.rglob("*.parquet"))
    parts = []
    if jsonl:
        spec = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items()) + "}"
        parts.append(
            f"SELECT {columns} FROM read_json({jsonl!r}, format='newline_delimited', columns={spec}, "
            "ignore_errors=true)"  # a line cut by a full disk is skipped, not fatal
        )
    if parquet:
        parts.append(f"SELECT {columns} FROM read_parquet({parquet!r}, union_by_name=true)")
    if not parts:
        definition = ", ".join(f"{name} {kind}" for name, kind in COLUMNS.items())
        con.execute(f"CREATE TABLE events ({definition})")
    else:
        con.execute("CREATE VIEW events AS " + " UNION ALL ".join(parts))
    return con


def export_parquet(sources: list[Path], out_dir: Path) -> Path:
    """Merge the event files of ``sources`` (one folder per host) into one Parquet file under ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"events-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.parquet"
    con = connect(sources)
    con.execute(f"COPY (SELECT * FROM events ORDER BY hour) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
    return target


def build_report(
    sources: list[Path],
    *,
    kb: KnowledgeBase,
    embedder: Embedder,
    since_days: int = 90,
    provider: str | None = None,
    min_people: int = 5,
    cache_path: Path | None = None,
    now: float | None = None,
) -> Report:
    if provider is not None and provider not in kb.providers:
        known = ", ".join(sorted(kb.providers))
        raise ReportError(f"unknown provider {provider!r}; use one of: {known}")
    now = time.time() if now is None else now
    report = Report(since_days=since_days, min_people=min_people, provider=provider, generated=now)
    con = connect(sources)
    cutoff = int(now - since_days * 86400)
    mid = int(now - since_days * 86400 / 2)
    con.execute(  # the columns the tables need, read once (the event files may be JSON)
        # A conversation key is counted by its 64-bit hash: distinct counts over integers are several times faster
        # than over strings, and a collision among a year's few million keys has a chance of about one in a million.
        "CREATE TEMP TABLE turns AS SELECT hour, hash(conversation) AS conversation, turn_id, channel, lang, "
        "intent, outcome, area, "
        f"provider, results[1] AS top, text FROM events WHERE kind = 'turn' AND hour >= {cutoff}"
    )
    records = [(c.id, c.title, c.provider, (c.areas or ("Not yet announced",))[0]) for c in kb.credentials]
    con.execute("CREATE TEMP TABLE records (id VARCHAR, title VARCHAR, provider VARCHAR, area VARCHAR)")
    con.executemany("INSERT INTO records VALUES (?, ?, ?, ?)", records)
    phases: list[tuple[str, Callable[[], None]]] = [
        ("totals", lambda: _totals(con, report, cutoff)),
        ("unmet topics", lambda: _unmet_topics(con, report, embedder=embedder, cache_path=cache_path, mid=mid)),
        ("demand", lambda: _demand(con, report, kb=kb)),
        ("helpful", lambda: _helpful(con, report, cutoff=cutoff)),
        ("fallbacks", lambda: _fallbacks(con, report)),
        ("mix", lambda: _mix(con, report)),
    ]
    for name, phase in phases:
        started = time.perf_counter()
        phase()
        logger.info("report phase %s: %.1f s", name, time.perf_counter() - started)
    return report


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[list[Any]]:
    return [list(row) for row in con.execute(sql, params or []).fetchall()]


def _totals(con: duckdb.DuckDBPyConnection, report: Report, cutoff: int) -> None:
    row = con.execute(
        f"""SELECT count(*), count(DISTINCT conversation),
                   count(*) FILTER (WHERE outcome IN {TOPIC_OUTCOMES}),
                   count(*) FILTER (WHERE outcome = 'fallback'), count(*) FILTER (WHERE outcome = 'handoff')
            FROM turns"""
    ).fetchone()
    assert row is not None
    turns, people, unmet, fallback, handoff = row
    ratings = con.execute(
        f"SELECT count(*), avg(helpful::INT) FROM events WHERE kind = 'feedback' AND hour >= {cutoff}"
    ).fetchone()
    assert ratings is not None
    report.totals = {
        "Turns": turns,
        "Conversation-days": people,
        "Unmet questions (no or weak result, fallback)": _share(unmet, turns),
        "Fallback rate": _share(fallback, turns),
        "Hand-off rate": _share(handoff, turns),
        "Answers rated": ratings[0],
        "Rated helpful": "–" if ratings[1] is None else f"{ratings[1]:.0%}",
    }


def _share(part: int, whole: int) -> str:
    return "–" if not whole else f"{part / whole:.1%}"


def _unmet_topics(
    con: duckdb.DuckDBPyConnection, report: Report, *, embedder: Embedder, cache_path: Path | None, mid: int
) -> None:
    import pyarrow as pa

    k = report.min_people
    con.execute(
        f"""CREATE TEMP TABLE unmet AS
            SELECT lower(regexp_replace(trim(text), '\\s+', ' ', 'g')) AS phrase, conversation, hour
            FROM turns WHERE outcome IN {TOPIC_OUTCOMES} AND text IS NOT NULL"""
    )
    asked = con.execute(
        "SELECT phrase, count(DISTINCT conversation) FROM unmet GROUP BY phrase ORDER BY phrase"
    ).fetchall()
    phrases = [row[0] for row in asked]
    started = time.perf_counter()
    vectors = EmbeddingCache(cache_path).embed(phrases, embedder)
    embedded = time.perf_counter()
    weights = np.array([row[1] for row in asked], dtype=np.float64)
    labels = cluster(vectors, weights=weights).tolist() if phrases else []
    logger.info(
        "%d phrasings: embedded in %.1f s, clustered in %.1f s",
        len(phrases),
        embedded - started,
        time.perf_counter() - embedded,
    )
    con.register("phrase_topic", pa.table({"phrase": phrases, "topic": [int(t) for t in labels]}))
    con.execute(
        """CREATE TEMP TABLE topic_rows AS SELECT u.*, p.topic FROM unmet u JOIN phrase_topic p USING (phrase)"""
    )
    topics = _rows(
        con,
        f"""SELECT topic, count(DISTINCT conversation) AS people,
                   count(DISTINCT conversation) FILTER (WHERE hour >= {mid}) AS recent,
                   count(DISTINCT conversation) FILTER (WHERE hour < {mid}) AS earlier
            FROM topic_rows GROUP BY topic ORDER BY people DESC, topic""",
    )
    shown = [t for t in topics if t[1] >= k]
    report.hidden_topics = len(topics) - len(shown)
    report.hidden_people = sum(t[1] for t in topics if t[1] < k)
    words = _rows(
        con,
        f"""SELECT topic, word, count(DISTINCT conversation) AS people FROM (
                SELECT topic, conversation, unnest(regexp_split_to_array(phrase, '[^a-z0-9]+')) AS word
                FROM topic_rows) WHERE length(word) > 2 GROUP BY topic, word HAVING count(DISTINCT conversation) >= {k}
            ORDER BY topic, people DESC, word""",
    )
    examples = _rows(
        con,
        f"""SELECT topic, phrase, count(DISTINCT conversation) AS people FROM topic_rows GROUP BY topic, phrase
            HAVING count(DISTINCT conversation) >= {k} ORDER BY topic, people DESC, phrase""",
    )
    label_words: dict[int, list[str]] = {}
    for topic, word, _ in words:
        if word not in STOPWORDS and len(label_words.setdefault(topic, [])) < 3:
            label_words[topic].append(word)
    phrasings: dict[int, list[str]] = {}
    for topic, phrase, people in examples:
        if len(phrasings.setdefault(topic, [])) < 3:
            phrasings[topic].append(f"“{phrase}” ({people})")
    rows = []
    for topic, people, recent, earlier in shown[:MAX_TOPICS]:
        label = ", ".join(label_words.get(topic, [])) or "(wording varies; no word used by K people)"
        rows.append([label, people, _trend(recent, earlier), "; ".join(phrasings.get(topic, [])) or "–"])
    table = Table(
        "unmet_topics",
        "Unmet demand: what people asked for that nobody offers, by topic",
        ["Topic (words used by at least K conversation-days)", "Conversation-days", "Trend", "Example phrasings"],
        rows,
    )
    report.tables.append(_with_bars(table, "chart-unmet", "Unmet demand by topic", xlabel="Conversation-days"))


def _trend(recent: int, earlier: int) -> str:
    if earlier == 0:
        return f"new: {recent} in the later half" if recent else "–"
    change = (recent - earlier) / earlier
    word = "rising" if change > 0.1 else "falling" if change < -0.1 else "steady"
    return f"{word} ({earlier} → {recent}, {change:+.0%})"


def _demand(con: duckdb.DuckDBPyConnection, report: Report, *, kb: KnowledgeBase) -> None:
    where = "WHERE provider = ?" if report.provider else ""
    params = [report.provider] if report.provider else []
    # A conversation-day lies in one month, so monthly distinct counts add up to the period's exactly.
    con.execute(
        f"""CREATE TEMP TABLE demand AS SELECT month, area, provider, count(DISTINCT conversation) AS people FROM (
                SELECT strftime(to_timestamp(t.hour), '%Y-%m') AS month, t.conversation,
                       coalesce(t.area, r.area) AS area, coalesce(t.provider, r.provider) AS provider
                FROM turns t LEFT JOIN records r ON r.id = t.top
                WHERE t.intent IN ('search_credentials', 'credential_details', 'more_results')
                  AND (t.area IS NOT NULL OR r.id IS NOT NULL)) {where} GROUP BY ALL""",
        params,
    )
    rows = _rows(
        con,
        """SELECT area, coalesce(provider, '–') AS provider, sum(people)::BIGINT AS people FROM demand
           GROUP BY ALL ORDER BY people DESC, area, provider""",
    )
    for row in rows:
        row[1] = kb.provider_name(row[1]) if row[1] in kb.providers else row[1]
    table = Table(
        "demand_by_area",
        "Demand by area and provider (conversation-days whose search was about the area)",
        ["Area", "Provider", "Conversation-days"],
        rows,
    )
    monthly = _rows(con, "SELECT month, area, sum(people)::BIGINT FROM demand GROUP BY ALL ORDER BY month")
    months = sorted({m for m, _, _ in monthly})
    totals: dict[str, int] = {}
    for _, area, people in monthly:
        totals[area] = totals.get(area, 0) + people
    top = sorted(totals, key=lambda a: (-totals[a], a))[:6]
    series = {area: [0.0] * len(months) for area in top}
    for month, area, people in monthly:
        if area in series:
            series[area][months.index(month)] = people
    if months:
        table.chart = charts.line_chart(
            "chart-demand",
            "Demand by area over time (top areas)",
            months,
            series,
            xlabel="Month",
            ylabel="Conversation-days",
        )
    report.tables.append(table)
    report.tables.append(
        Table(
            "demand_by_month",
            "Demand by area and month (the numbers of the chart above)",
            ["Month", *top],
            [[month, *(int(series[a][i]) for a in top)] for i, month in enumerate(months)],
        )
    )


def _helpful(con: duckdb.DuckDBPyConnection, report: Report, *, cutoff: int) -> None:
    con.execute(
        f"""CREATE TEMP TABLE rated AS
            WITH fb AS (SELECT turn_id, arg_max(helpful, hour) AS helpful FROM events
                        WHERE kind = 'feedback' AND hour >= {cutoff} GROUP BY turn_id)
            SELECT t.intent, t.top AS record, fb.helpful FROM fb JOIN turns t USING (turn_id)"""
    )
    by_intent = _rows(
        con,
        """SELECT intent, count(*), round(avg(helpful::INT) * 100) || '%' FROM rated GROUP BY intent
           ORDER BY count(*) DESC, intent""",
    )
    where = "AND r.provider = ?" if report.provider else ""
    by_record = _rows(
        con,
        f"""SELECT r.title, count(*), round(avg(helpful::INT) * 100) || '%' FROM rated JOIN records r ON r.id = record
            WHERE true {where} GROUP BY r.title ORDER BY count(*) DESC, r.title""",
        [report.provider] if report.provider else [],
    )
    table = Table(
        "helpful_by_intent", "Answers rated helpful, by kind of question", ["Intent", "Ratings", "Helpful"], by_intent
    )
    report.tables.append(_with_bars(table, "chart-helpful", "Ratings by kind of question", xlabel="Ratings"))
    report.tables.append(
        Table(
            "helpful_by_record",
            "Answers rated helpful, by the first credential shown",
            ["Credential", "Ratings", "Helpful"],
            by_record,
        )
    )


def _fallbacks(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    k = report.min_people
    rows = _rows(
        con,
        f"""SELECT outcome, lower(regexp_replace(trim(text), '\\s+', ' ', 'g')) AS phrase,
                   count(DISTINCT conversation) AS people
            FROM turns WHERE outcome IN ('fallback', 'handoff') AND text IS NOT NULL
            GROUP BY ALL HAVING count(DISTINCT conversation) >= {k} ORDER BY outcome, people DESC, phrase LIMIT 40""",
    )
    report.tables.append(
        Table(
            "fallback_phrasings",
            "Commonest phrasings the advisor could not place (fallback) or handed to a person (hand-off), K-safe",
            ["Outcome", "Phrasing", "Conversation-days"],
            rows,
        )
    )


def _mix(con: duckdb.DuckDBPyConnection, report: Report) -> None:
    for column, caption in (("channel", "Channel"), ("lang", "Language")):
        rows = _rows(
            con,
            f"""SELECT coalesce({column}, 'not given'), count(DISTINCT conversation), count(*) FROM turns
                GROUP BY ALL ORDER BY 2 DESC, 1""",
        )
        table = Table(f"{column}_mix", f"{caption} mix", [caption, "Conversation-days", "Turns"], rows)
        title = f"Conversation-days by {caption.lower()}"
        report.tables.append(_with_bars(table, f"chart-{column}", title, xlabel="Conversation-days"))


def _with_bars(table: Table, chart_id: str, title: str, *, xlabel: str, limit: int = 12) -> Table:
    """The table with a bar chart of its first column (labels) against its second (values), when it has rows."""
    if table.rows:
        rows = table.rows[:limit]
        table.chart = charts.bar_chart(chart_id, title, [str(r[0]) for r in rows], [r[1] for r in rows], xlabel=xlabel)
    return table
