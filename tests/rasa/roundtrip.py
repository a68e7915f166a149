"""``make test-rasa``: the exported assistant on a real Rasa Open Source 3.6 server, talking to the real
``advisor actions``, all on loopback.

Exports the project, trains it, starts the action server (behind a token) and Rasa (REST channel), then holds
scripted conversations with training phrasings and button payloads, so NLU variance cannot decide the result, and
checks each answer is about the credentials actually shown. Prints the assistant's intent accuracy on
tests/data/intents_eval.yaml. ``--record DIR`` saves the bodies Rasa sent as fixtures for the contract test.

    python -m tests.rasa.roundtrip --rasa .venv-rasa/bin/rasa [--record tests/actions/data/rasa_calls]
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

from tests.rasa.conversations import Chat, hold_conversations
from tests.rasa.processes import free_port, recording_proxy, started
from tests.rasa.recording import save_calls

logger = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
EVAL_SET = ROOT / "tests" / "data" / "intents_eval.yaml"


def intent_accuracy(rasa: str, token: str) -> tuple[float, int, int]:
    """Share of tests/data/intents_eval.yaml Rasa's NLU labels right; its nlu_fallback counts as out_of_scope, the
    advisor's own answer below its threshold."""
    from bot.dialogue.intent_eval import load_labelled

    items = load_labelled(EVAL_SET)
    correct = 0
    with httpx.Client(timeout=60) as client:
        for item in items:
            parsed = client.post(f"{rasa}/model/parse", params={"token": token}, json={"text": item.text}).json()
            name = parsed["intent"]["name"]
            correct += (("out_of_scope" if name == "nlu_fallback" else name) == item.intent)
    return correct / len(items), correct, len(items)


def run(rasa_bin: Path, *, record: Path | None, work: Path) -> int:
    advisor = str(Path(sys.executable).with_name("advisor"))
    project, token, api_token = work / "project", secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    actions_port, proxy_port, rasa_port = free_port(), free_port(), free_port()
    env = {"ADVISOR_ACTIONS_TOKEN": token, "ADVISOR_DATA_DIR": str(work / "data"), "RASA_TELEMETRY_ENABLED": "false"}
    subprocess.run([advisor, "rasa", "export", "--out", str(project), "--token-env", "ADVISOR_ACTIONS_TOKEN",
                    "--action-url", f"http://127.0.0.1:{proxy_port}/webhook"], check=True)  # fmt: skip
    began = time.monotonic()
    trained = subprocess.run([str(rasa_bin), "train", "--domain", "domain", "--fixed-model-name", "advisor",
                              "--out", "models"], cwd=project, env={**os.environ, **env},
                             stdout=(work / "train.log").open("wb"), stderr=subprocess.STDOUT, check=False)  # fmt: skip
    if trained.returncode != 0:
        print(f"rasa train failed; see {work / 'train.log'}")
        return 1
    print(f"trained in {time.monotonic() - began:.0f} s")
    with ExitStack() as stack:
        actions_url = f"http://127.0.0.1:{actions_port}"
        stack.enter_context(started("advisor actions", [advisor, "actions", "--port", str(actions_port)],
                                    ready_url=f"{actions_url}/health", log=work / "actions.log", cwd=work, env=env,
                                    timeout=300))  # fmt: skip
        calls = stack.enter_context(recording_proxy(proxy_port, f"{actions_url}/webhook"))
        rasa_url = f"http://127.0.0.1:{rasa_port}"
        command = [str(rasa_bin), "run", "--model", "models/advisor.tar.gz", "--endpoints", "endpoints.yml",
                   "--credentials", "credentials.yml", "--interface", "127.0.0.1", "--port", str(rasa_port),
                   "--enable-api", "--auth-token", api_token]  # fmt: skip
        stack.enter_context(started("rasa", command, ready_url=f"{rasa_url}/status?token={api_token}",
                                    log=work / "rasa.log", cwd=project, env=env, timeout=600))  # fmt: skip
        failures = hold_conversations(Chat(rasa_url))
        accuracy, correct, total = intent_accuracy(rasa_url, api_token)
        print(f"exported assistant's intent accuracy on {EVAL_SET.name}: {accuracy:.3f} ({correct}/{total})")
        unauthorised = [c for c in calls if c["query"] != f"token={token}"]
        if unauthorised:
            failures.append(f"{len(unauthorised)} action calls without Rasa's endpoint token")
        failures += [f"action call answered {c['status']}: {c['response']}" for c in calls if c["status"] != 200]
        print(f"{len(calls)} action calls, all through the token-checking action server")
        if record is not None:
            save_calls(calls, record)
            print(f"recorded {len(calls)} action calls in {record}")
    for failure in failures:
        print(f"FAIL {failure}")
    print("test-rasa: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rasa", type=Path, required=True, help="the rasa executable (Rasa Open Source 3.6)")
    parser.add_argument("--record", type=Path, help="save the bodies Rasa sent to this folder")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (project, model, logs)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request would bury the results
    began = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="test-rasa-"))
    try:
        return run(args.rasa.absolute(), record=args.record, work=work)
    finally:
        print(f"test-rasa took {time.monotonic() - began:.0f} s (work folder {work}{'' if args.keep else ', removed'})")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
