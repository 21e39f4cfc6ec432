"""Workspace benchmark: the "next segment" response on a SYNTHETIC 100,000-segment store.

Builds a store through the store's own methods (25,000 respondents x 4 answers, one segment
each, two machine suggestions per segment, an active-learning order over every segment, one
coder account), then asks the app for the next segment of the "code these next" queue and
submits a decision on it, the way a coder works, ``--n`` times. The figure is the server time
of ``GET /api/queue/next`` measured in-process through the ASGI app (Starlette's TestClient:
routing, session check, queue, segment with context and suggestions, JSON), so network time
is left out. Target: p95 under 150 ms. The save that follows each (``POST .../submit``: the
chosen codes accepted, the rest recorded as not applying) is timed too (target p95 50 ms).

``--store`` runs on a copy of an existing project store instead (the demo's, for example;
``--codebook`` its codebook), so the figures come from real queue orders and codebooks.

Prints one JSON line ``{"bench": "workspace_next_segment", ...}``.
Usage: ``python benchmarks/bench_workspace.py [--segments 100000] [--n 300]``
or ``python benchmarks/bench_workspace.py --store outputs/demo/project.sqlite
--codebook data/demo/codebook.yaml --n 100``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
WORDS = ("bus", "waiting", "listened", "believed", "counsellor", "months", "centre", "phone",
         "appointment", "support", "worker", "letter", "referral", "school", "police")
CODEBOOK = """name: Bench codebook (synthetic)
version: 1
themes:
  - id: access
    label: Access
    codes:
      - {id: access_transport, label: Travel, definition: Getting there.}
      - {id: access_waiting, label: Waits, definition: Waiting lists.}
  - id: support
    label: Support
    codes:
      - {id: support_listened, label: Listened to, definition: Staff listened.}
"""
CODES = ("access_transport", "access_waiting", "support_listened")


def build(tmp: Path, n_segments: int, seed: int = 13) -> Path:
    """A synthetic store with ``n_segments`` segments (invented text, no real answers)."""
    import pandas as pd

    from analysis.coding_io import ORDER_META
    from analysis.store import Store
    from survey.instrument import instrument_from_dict

    rng = random.Random(seed)
    inst = instrument_from_dict({"questions": [
        {"id": f"q{i}", "text": f"Question {i}?", "kind": "text"} for i in range(4)]})
    n_resp = n_segments // 4
    responses = pd.DataFrame({"response_id": [f"r{i}" for i in range(n_resp)], "source": "s",
                              "cohort": ["survivor" if i % 3 else "professional"
                                         for i in range(n_resp)],
                              "wave": [1 + i % 2 for i in range(n_resp)], "kind": "survey",
                              "submitted": None})
    rows, segs, sugg = [], [], []
    for i in range(n_resp):
        for q in range(4):
            aid = f"a{i}_{q}"
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))) + "."
            rows.append((aid, f"r{i}", f"q{q}", text, "en"))
            segs.append((f"s{i}_{q}", aid, 0, len(text), text))
            for c in rng.sample(CODES, 2):
                sugg.append((f"s{i}_{q}", c, "rules.v1", "rules", round(rng.random(), 3),
                             "suggested", "matched: " + rng.choice(WORDS), None))
    answers = pd.DataFrame(rows, columns=["answer_id", "response_id", "question_id", "text",
                                          "lang"])
    segments = pd.DataFrame(segs, columns=["segment_id", "answer_id", "start", "end", "text"])
    codings = pd.DataFrame(sugg, columns=["segment_id", "code_id", "coder", "source",
                                          "confidence", "status", "evidence", "decided_at"])
    order = segments["segment_id"].tolist()
    rng.shuffle(order)
    path = tmp / "project.sqlite"
    from argon2 import PasswordHasher

    with Store(path) as st:
        st.replace_survey_data(inst, responses, answers)
        st.replace_segments(segments)
        st.replace_suggestions(codings)
        st.set_meta(ORDER_META, json.dumps(order))
        st.add_user("bench", role="coder", password_hash=PasswordHasher().hash("bench password"))
    (tmp / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    return path


def main() -> None:
    """Build the store, time the next-segment request, print one JSON line."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--segments", type=int, default=100_000)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--store", type=Path, default=None,
                    help="time a copy of this project store instead of a synthetic one")
    ap.add_argument("--codebook", type=Path, default=None, help="the store's codebook")
    args = ap.parse_args()
    from starlette.testclient import TestClient

    from workspace.app import create_app
    from workspace.service import Settings

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        if args.store is not None:
            import shutil

            from argon2 import PasswordHasher

            from analysis.store import Store

            path = tmp / "project.sqlite"
            shutil.copy2(args.store, path)
            with Store(path) as st:
                st.add_user("bench", role="coder",
                            password_hash=PasswordHasher().hash("bench password"))
                n_segments = len(st.queue_segment_ids())
            codebook = args.codebook
        else:
            path, n_segments = build(tmp, args.segments), args.segments
            codebook = tmp / "codebook.yaml"
        build_s = time.perf_counter() - t0
        app = create_app(Settings(store_path=path, codebook_path=codebook))
        client = TestClient(app, base_url="http://127.0.0.1")
        token = client.post("/api/login", json={"username": "bench",
                                                "password": "bench password"}).json()["token"]
        client.headers["Authorization"] = f"Bearer {token}"
        times, saves = [], []
        for k in range(args.n + 5):
            t = time.perf_counter()
            resp = client.get("/api/queue/next")
            dt = time.perf_counter() - t
            body = resp.json()
            if resp.status_code != 200 or not body["segment_id"]:
                raise SystemExit(f"next segment failed: {resp.status_code}")
            if k >= 5:  # the first requests warm the queue cache and the connection
                times.append(dt * 1000)
            sugg = body["segment"]["suggestions"]
            t = time.perf_counter()
            saved = client.post(f"/api/segments/{body['segment_id']}/submit",
                                json={"codes": [sugg[0]["code_id"]] if sugg else []})
            dt = time.perf_counter() - t
            if saved.status_code != 200:
                raise SystemExit(f"save failed: {saved.status_code}")
            if k >= 5:
                saves.append(dt * 1000)
        client.close()
    times.sort()
    saves.sort()

    def pct(xs: list[float], q: float) -> float:
        return round(xs[max(0, int(len(xs) * q) - 1)], 1)
    print(json.dumps({
        "bench": "workspace_next_segment", "segments": n_segments,
        "store": "synthetic" if args.store is None else str(args.store),
        "requests": len(times), "p50_ms": round(times[len(times) // 2], 1),
        "p95_ms": pct(times, 0.95), "max_ms": round(times[-1], 1), "target_p95_ms": 150,
        "save_p50_ms": round(saves[len(saves) // 2], 1), "save_p95_ms": pct(saves, 0.95),
        "save_max_ms": round(saves[-1], 1), "save_target_p95_ms": 50,
        "store_build_s": round(build_s, 1),
        "python": platform.python_version(), "cpus": os.cpu_count()}), flush=True)


if __name__ == "__main__":
    main()
