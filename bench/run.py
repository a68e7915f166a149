"""``make bench``: the floor, then real servers on loopback under a separate load process; a table and JSON.

Order: prepare the data directory (export the ONNX models, build the index) before anything is timed; measure
the floor (bare sentence-transformers encode, its own process); then for each backend start ``advisor serve`` and
time the cold start to ``/readyz``, turns at concurrency 1 with distinct and then repeated queries; with the default
backend also throughput at concurrency 8 and 32 with 1 and 2 workers, resident memory per worker, and two
comparison runs (torch with 2 workers; ONNX without the bound on concurrent encodes); last, the floor again. The
ratios divide by the mean of the two floors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil
from rich.console import Console
from rich.table import Table

from bench.queries import latency_queries, load_queries, warmup_queries
from bot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
console = Console(stderr=True, width=None if sys.stderr.isatty() else 150)

BACKENDS = ("torch", "onnx", "onnx-int8")


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    port: int
    cold_start_s: float
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/chat"

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each serving process: the server itself with one worker, else its worker children
        (the supervisor and multiprocessing helpers hold no model and are left out)."""
        root = psutil.Process(self.process.pid)
        children = [p for p in root.children(recursive=True) if "resource_tracker" not in " ".join(p.cmdline())]
        procs = children or [root]
        return sorted(round(p.memory_info().rss / 2**20, 1) for p in procs)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(data_dir: Path, backend: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "ADVISOR_DATA_DIR": str(data_dir),
            "ADVISOR_EMBEDDER": "sentence-transformers",
            "ADVISOR_EMBEDDER_BACKEND": backend,
            "ADVISOR_LOG_LEVEL": "WARNING",
            # The benchmark is one client sending thousands of turns; the per-client limits would answer 429.
            "ADVISOR_RATE_LIMIT_SESSION": "100000000/minute",
            "ADVISOR_RATE_LIMIT_CLIENT": "100000000/minute",
            "ADVISOR_RATE_LIMIT_NEW_CONVERSATIONS": "100000000/minute",  # every distinct message starts one
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
        }
    )
    env.update(extra)
    return env


@contextmanager
def serve(
    data_dir: Path, backend: str, *, workers: int, logs: Path, timeout: float = 120, **extra: str
) -> Iterator[Server]:
    """``advisor serve`` as a subprocess; yields once ``/readyz`` answers 200; stops it (and only it) after."""
    port = free_port()
    log = logs / f"server-{backend}-{workers}w-{port}.log"
    advisor = Path(sys.executable).parent / "advisor"
    command = [str(advisor), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    with open(log, "wb") as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            command, env=server_env(data_dir, backend, **extra), stdout=out, stderr=subprocess.STDOUT, cwd=ROOT
        )
    try:
        ready_url = f"http://127.0.0.1:{port}/readyz"
        with httpx.Client(timeout=1.0) as client:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited with {process.returncode}; see {log}")
                if time.perf_counter() - started > timeout:
                    raise RuntimeError(f"server not ready after {timeout}s; see {log}")
                try:
                    if client.get(ready_url).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.01)
        yield Server(process=process, port=port, cold_start_s=round(time.perf_counter() - started, 3), log=log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load(
    server: Server,
    queries: Path,
    *,
    concurrency: int,
    duration: float,
    max_requests: int = 100000,
    record: Path | None = None,
) -> dict[str, Any]:
    """Run ``bench.load`` in its own process against ``server``."""
    command = [
        sys.executable, "-m", "bench.load", "--url", server.url, "--queries", str(queries),
        "--concurrency", str(concurrency), "--duration", str(duration), "--max-requests", str(max_requests),
    ]  # fmt: skip
    if record:
        command += ["--record", str(record)]
    done = subprocess.run(command, capture_output=True, cwd=ROOT, timeout=duration + 120)
    if done.returncode != 0:
        raise RuntimeError(f"load generator failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data))
    return path


@dataclass
class Plan:
    data_dir: Path
    duration: float
    default_backend: str
    work: Path
    results: dict[str, Any] = field(default_factory=dict)


def prepare(data_dir: Path) -> None:
    """Export both ONNX models and build the index, untimed (the benchmark measures serving, not building).

    The conversation store starts empty on every run (the run then adds ~30,000 conversations), so that a figure
    does not depend on how many runs used this data directory before."""
    for suffix in ("", "-wal", "-shm"):
        (data_dir / f"conversations.sqlite3{suffix}").unlink(missing_ok=True)
    advisor = Path(sys.executable).parent / "advisor"
    env = server_env(data_dir, "onnx-int8")
    subprocess.run([str(advisor), "index", "build", "--no-force"], env=env, check=True, cwd=ROOT)


def agreement(reference: list[list[str]], other: list[list[str]]) -> dict[str, float]:
    """How often the first result and the whole top page match the reference backend's answers."""
    pairs = list(zip(reference, other, strict=False))
    if not pairs:
        return {"top1": float("nan"), "page": float("nan")}
    top1 = sum(1 for a, b in pairs if a[:1] == b[:1]) / len(pairs)
    page = sum(1 for a, b in pairs if a == b) / len(pairs)
    return {"top1": round(top1, 4), "page": round(page, 4)}


def run(plan: Plan) -> dict[str, Any]:
    work = plan.work
    latency = latency_queries()
    q_latency = write_json(work / "latency.json", latency)
    q_warm = write_json(work / "warmup.json", warmup_queries())
    pool = load_queries(30000, exclude=latency)
    chunk = len(pool) // 6
    pools = [write_json(work / f"pool{i}.json", pool[i * chunk : (i + 1) * chunk]) for i in range(6)]
    out: dict[str, Any] = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "default_backend": plan.default_backend,
        "store": Settings.model_fields["store"].default,
        "latency_queries": len(latency),
        "duration_s": plan.duration,
    }

    def measure_floor() -> dict[str, Any]:
        console.print("[bold]floor[/bold]: in-process sentence-transformers encode (torch fp32)")
        command = [sys.executable, "-m", "bench.floor", "--queries", str(q_latency)]
        env = server_env(plan.data_dir, "torch")
        return dict(json.loads(subprocess.run(command, capture_output=True, check=True, cwd=ROOT, env=env).stdout))

    floor_before = measure_floor()

    console.print(f"[bold]cold start[/bold]: {plan.default_backend}, 1 worker, 3 starts")
    starts = []
    for _ in range(3):
        with serve(plan.data_dir, plan.default_backend, workers=1, logs=work) as server:
            starts.append(server.cold_start_s)
    out["cold_start_s"] = {"starts": starts, "median": sorted(starts)[1]}

    backends: dict[str, Any] = {}
    answers: dict[str, list[list[str]]] = {}
    order = [plan.default_backend] + [b for b in BACKENDS if b != plan.default_backend]
    for backend in order:
        console.print(f"[bold]{backend}[/bold]: cold start, concurrency 1 (distinct, then repeated)")
        with serve(plan.data_dir, backend, workers=1, logs=work) as server:
            record = work / f"answers-{backend}.json"
            load(server, q_warm, concurrency=1, duration=60)
            distinct = load(server, q_latency, concurrency=1, duration=120, record=record)
            repeated = load(server, q_latency, concurrency=1, duration=120)
            entry: dict[str, Any] = {
                "cold_start_s": server.cold_start_s,
                "c1_distinct": distinct,
                "c1_repeated": repeated,
                "rss_mb": server.worker_rss_mb(),
            }
            answers[backend] = json.loads(record.read_text())
            if backend == plan.default_backend:
                for i, concurrency in enumerate((8, 32)):
                    console.print(f"  throughput, 1 worker, concurrency {concurrency}")
                    entry[f"w1_c{concurrency}"] = load(
                        server, pools[i], concurrency=concurrency, duration=plan.duration
                    )
                entry["rss_mb_w1"] = server.worker_rss_mb()
        if backend == plan.default_backend:
            with serve(plan.data_dir, backend, workers=2, logs=work) as server:
                load(server, q_warm, concurrency=2, duration=60)
                for i, concurrency in enumerate((8, 32)):
                    console.print(f"  throughput, 2 workers, concurrency {concurrency}")
                    entry[f"w2_c{concurrency}"] = load(
                        server, pools[2 + i], concurrency=concurrency, duration=plan.duration
                    )
                console.print("  throughput, 2 workers, concurrency 32, repeated queries (query cache warm)")
                load(server, q_latency, concurrency=2, duration=60)
                entry["w2_c32_repeated"] = load(
                    server, q_latency, concurrency=32, duration=plan.duration, max_requests=10**6
                )
                entry["rss_mb_w2"] = server.worker_rss_mb()
        backends[backend] = entry

    console.print("[bold]comparisons[/bold]: 2 workers, concurrency 32")
    comparisons: dict[str, Any] = {}
    with serve(plan.data_dir, "torch", workers=2, logs=work) as server:
        load(server, q_warm, concurrency=2, duration=60)
        comparisons["torch_w2_c32"] = load(server, pools[4], concurrency=32, duration=plan.duration)
    with serve(plan.data_dir, plan.default_backend, workers=2, logs=work, ADVISOR_ENCODE_THREADS="32") as server:
        load(server, q_warm, concurrency=2, duration=60)
        comparisons["unbounded_encodes_w2_c32"] = load(server, pools[5], concurrency=32, duration=plan.duration)
    out["backends"] = backends
    out["comparisons"] = comparisons
    # The floor again after the servers: this machine's speed drifts within a run, and one measurement taken only
    # before them moved the ratios by up to 30%. The mean of the two is the floor the ratios divide by.
    floor_after = measure_floor()
    out["floor"] = {
        "p50_ms": round((floor_before["p50_ms"] + floor_after["p50_ms"]) / 2, 3),
        "threads": floor_before["threads"],
        "before": floor_before,
        "after": floor_after,
    }
    reference = answers.get("torch", [])
    out["agreement_with_torch"] = {b: agreement(reference, a) for b, a in answers.items() if b != "torch"}
    out["ratios"], out["acceptance"] = judge(out)
    return out


def judge(out: dict[str, Any]) -> tuple[dict[str, float], dict[str, Any]]:
    floor = float(out["floor"]["p50_ms"])
    default = out["backends"][out["default_backend"]]
    floor_rate = 1000 / floor
    ratios = {
        "turn_p50_over_floor_p50": round(default["c1_distinct"]["p50_ms"] / floor, 3),
        "w2_c32_throughput_over_floor_rate": round(default["w2_c32"]["throughput"] / floor_rate, 2),
        "w1_c32_throughput_over_floor_rate": round(default["w1_c32"]["throughput"] / floor_rate, 2),
    }
    w2 = default["w2_c32"]
    rss = max([*default["rss_mb_w1"], *default["rss_mb_w2"]])
    acceptance = {
        "turn_p50_le_half_floor": ratios["turn_p50_over_floor_p50"] <= 0.5,
        "w2_c32_throughput_ge_4x_floor_rate": ratios["w2_c32_throughput_over_floor_rate"] >= 4,
        "w2_c32_no_errors": w2["errors"] == 0,
        "w2_c32_p99_lt_1s": w2["p99_ms"] < 1000,
        "cold_start_le_2s": out["cold_start_s"]["median"] <= 2.0,
        "rss_le_600mb_per_worker": rss <= 600,
    }
    return ratios, acceptance


def render(out: dict[str, Any]) -> Table:
    table = Table(title=f"make bench ({out['machine']['cpus']} CPUs, default backend {out['default_backend']})")
    for column in ("measure", "backend", "workers", "conc.", "p50 ms", "p95 ms", "p99 ms", "turns/s", "errors"):
        table.add_column(column, justify="left" if column in ("measure", "backend") else "right")
    floor = out["floor"]
    table.add_row(
        f"floor: bare encode (torch, {floor['threads']} thr)",
        "torch",
        "-",
        "1",
        f"{floor['p50_ms']:.2f}",
        "",
        "",
        "",
        "",
    )

    def row(label: str, backend: str, workers: int, r: dict[str, Any]) -> None:
        table.add_row(
            label, backend, str(workers), str(r["concurrency"]), f"{r['p50_ms']:.2f}", f"{r['p95_ms']:.2f}",
            f"{r['p99_ms']:.2f}", f"{r['throughput']:.0f}", str(r["errors"]),
        )  # fmt: skip

    for backend, entry in out["backends"].items():
        row("turn, distinct queries", backend, 1, entry["c1_distinct"])
        row("turn, repeated (cache)", backend, 1, entry["c1_repeated"])
    default = out["backends"][out["default_backend"]]
    for key, workers in (("w1_c8", 1), ("w1_c32", 1), ("w2_c8", 2), ("w2_c32", 2)):
        row("throughput, distinct", out["default_backend"], workers, default[key])
    row("throughput, repeated (cache)", out["default_backend"], 2, default["w2_c32_repeated"])
    row("throughput, distinct", "torch", 2, out["comparisons"]["torch_w2_c32"])
    row("throughput, no encode bound", out["default_backend"], 2, out["comparisons"]["unbounded_encodes_w2_c32"])
    return table


def render_summary(out: dict[str, Any]) -> Table:
    table = Table(title="start, memory, agreement, targets")
    table.add_column("measure")
    table.add_column("value", justify="right")
    starts = out["cold_start_s"]
    table.add_row(
        f"cold start to /readyz, {out['default_backend']} (median of 3)",
        f"{starts['median']:.2f} s (" + ", ".join(f"{s:.2f}" for s in starts["starts"]) + ")",
    )
    for backend, entry in out["backends"].items():
        table.add_row(f"first start to /readyz, {backend}", f"{entry['cold_start_s']:.2f} s")
    default = out["backends"][out["default_backend"]]
    table.add_row("RSS per worker, 1 worker (after load)", f"{max(default['rss_mb_w1']):.0f} MB")
    table.add_row("RSS per worker, 2 workers (after load)", ", ".join(f"{m:.0f}" for m in default["rss_mb_w2"]) + " MB")
    table.add_row("RSS, torch backend (1 worker)", f"{max(out['backends']['torch']['rss_mb']):.0f} MB")
    for backend, agree in out["agreement_with_torch"].items():
        table.add_row(f"same answers as torch, {backend}", f"top-1 {agree['top1']:.1%}, page {agree['page']:.1%}")
    for name, value in out["ratios"].items():
        table.add_row(name, f"{value}")
    for name, ok in out["acceptance"].items():
        table.add_row(name, "[green]pass[/green]" if ok else "[red]FAIL[/red]")
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=ROOT / ".data" / "bench")
    parser.add_argument("--duration", type=float, default=8.0, help="seconds per throughput run")
    parser.add_argument("--backend", choices=BACKENDS, default=None, help="default: ADVISOR_EMBEDDER_BACKEND's default")
    args = parser.parse_args(argv)
    default_backend = args.backend or Settings.model_fields["embedder_backend"].default
    console.print(f"preparing {args.data_dir} (ONNX export and index build, untimed)")
    prepare(args.data_dir)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as tmp:
        plan = Plan(data_dir=args.data_dir, duration=args.duration, default_backend=default_backend, work=Path(tmp))
        out = run(plan)
    console.print(render(out))
    console.print(render_summary(out))
    stamp = out["when"].replace(":", "").replace("-", "")
    text = json.dumps(out, indent=2)
    (RESULTS / f"bench-{stamp}.json").write_text(text)
    (RESULTS / "latest.json").write_text(text)
    print(text)
    console.print(f"saved {RESULTS / 'latest.json'}")


if __name__ == "__main__":
    main()
