"""Keyboard coding benchmark: 100 segments of the SYNTHETIC demo coded by keyboard in Debian's
Chromium (Playwright), the way a coder works: about a quarter of the segments turn a suggestion
down, about a third add a code the machine missed, then Enter saves and opens the next segment.

Figures: keystrokes per segment; the save round trip as the browser sees it (``POST .../submit``,
Resource Timing) p50/p95; segment to next segment (save plus page load) p50/p95; automated wall
time (no thinking time). Seeded (numpy, 13), so the same decisions every run.

Prints one JSON line ``{"bench": "workspace_keyboard", ...}``.
Usage: ``python benchmarks/bench_keyboard.py [--n 100]`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "workspace"))  # the tests' live server and accounts

from ws_helpers import PASSWORD, LiveServer, cheap_hash  # noqa: E402

from analysis.pipeline import run_stages  # noqa: E402
from analysis.store import Store  # noqa: E402
from workspace.app import create_app  # noqa: E402
from workspace.server import settings_for  # noqa: E402

CODES_JS = ("els => els.map(e => ({key: e.dataset.key, on: e.getAttribute('aria-pressed') === "
            "'true', sugg: e.classList.contains('suggested')}))")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="Segments to code.")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        project, out = Path(tmp) / "demo", Path(tmp) / "out"
        shutil.copytree(REPO / "data" / "demo", project)
        with (project / "project.yaml").open("a") as fh:
            fh.write("topics: {fast: true}\n")
        run_stages(project, out_dir=out, stages=("ingest", "segment", "suggest"),
                   say=lambda _l: None)
        with Store(out / "project.sqlite") as st:
            st.add_user("coder1", role="coder", password_hash=cheap_hash())
        with LiveServer(create_app(settings_for(project, out))) as server, \
                sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                         args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.goto(server.url + "/login")
            page.fill("#username", "coder1")
            page.fill("#password", PASSWORD)
            page.press("#password", "Enter")
            page.wait_for_url(lambda u: "/login" not in u)
            page.goto(server.url + "/queue")
            saves: list[float] = []
            page.on("requestfinished", lambda r: saves.append(r.timing["responseEnd"])
                    if r.url.endswith("/submit") else None)
            keys, per_segment, rng = 0, [], np.random.default_rng(13)
            t_start = time.perf_counter()
            for _ in range(args.n):
                t0 = time.perf_counter()
                sid = page.get_attribute("#coding", "data-segment")
                codes = page.eval_on_selector_all("#codes .code", CODES_JS)
                suggested = [c for c in codes if c["sugg"]]
                r = rng.random()
                if suggested and r < 0.25:  # turn a suggestion down
                    page.keyboard.press(suggested[0]["key"])
                    keys += 1
                elif r < 0.55:  # add a code the machine missed
                    c = codes[int(rng.integers(len(codes)))]
                    if not c["on"] and c["key"]:
                        page.keyboard.press(c["key"])
                        keys += 1
                page.keyboard.press("Enter")
                keys += 1
                page.wait_for_function(
                    "s => !document.getElementById('coding') || "
                    "document.getElementById('coding').dataset.segment !== s", arg=sid)
                per_segment.append((time.perf_counter() - t0) * 1000)
            wall = time.perf_counter() - t_start
            browser.close()
    print(json.dumps({
        "bench": "workspace_keyboard", "segments": args.n,
        "keystrokes_per_segment": round(keys / args.n, 2), "wall_s": round(wall, 1),
        "save_ms_p50": round(float(np.percentile(saves, 50)), 1),
        "save_ms_p95": round(float(np.percentile(saves, 95)), 1),
        "next_segment_ms_p50": round(float(np.percentile(per_segment, 50))),
        "next_segment_ms_p95": round(float(np.percentile(per_segment, 95)))}), flush=True)


if __name__ == "__main__":
    main()
