"""Screenshots of the workspace for the README, taken in headless Chromium against the demo.

Runs the demo pipeline (ingest, segment, suggest; TF-IDF embeddings to keep it short) into a
temporary folder, adds a lead, two coders and a writer, has the two coders double-code a
seeded sample through the workspace's own functions (the second disagreeing now and then), has
the writer star a few quotes, then serves the app on a loopback port and saves
``docs/img/workspace_queue.png``, ``workspace_agreement.png`` and ``workspace_quotes.png``.
Everything shown is the synthetic demo's anonymised text.

Usage: ``python tools/screenshots.py [--chromium /usr/bin/chromium] [--dest docs/img]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "workspace"))
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "screenshot password"
PAGES = (("workspace_queue.png", "coder1", "/queue?seg={sid}"),
         ("workspace_agreement.png", "lead1", "/agreement"),
         ("workspace_quotes.png", "writer1", "/quotes"))


def prepare(root: Path) -> tuple[Path, Path, str]:
    """The demo copied and run to suggestions, with accounts and some decisions; also the
    segment the queue screenshot shows."""
    from argon2 import PasswordHasher

    from analysis.pipeline import run_stages
    from analysis.store import Store
    from workspace import editorial
    from workspace.server import settings_for
    from workspace.service import Workspace

    project, out = root / "demo", root / "out"
    shutil.copytree(REPO / "data" / "demo", project)
    with (project / "project.yaml").open("a", encoding="utf-8") as fh:
        fh.write("topics: {fast: true}\n")
    run_stages(project, out_dir=out, stages=("ingest", "segment", "suggest"),
               say=lambda _line: None)
    hashed = PasswordHasher().hash(PASSWORD)
    with Store(out / "project.sqlite") as st:
        for name, role in (("lead1", "lead"), ("coder1", "coder"), ("coder2", "coder"),
                           ("writer1", "writer")):
            st.add_user(name, role=role, password_hash=hashed)
    ws = Workspace(settings_for(project, out))
    rng = random.Random(13)
    sample = ws.assign_sample("lead1", ["coder1", "coder2"], size=40, blind=True)
    for sid in sample:
        sugg = [s["code_id"] for s in ws.segment("lead1", sid)["suggestions"]]
        ws.submit("coder1", sid, sugg[:2])
        other = sugg[:1] if rng.random() < 0.3 else sugg[:2]
        ws.submit("coder2", sid, other)
    for q in editorial.quote_candidates(ws)[:3]:
        editorial.pick_quote(ws, "writer1", q["answer_id"], code_id=q["code_id"], starred=True)
    sid = ws.next_segment("coder1", "next")
    for _ in range(200):  # show a segment with at least two suggestions
        if len(ws.segment("coder1", sid)["suggestions"]) >= 2:
            break
        sid = ws.next_segment("coder1", "next", after=sid)
    return project, out, sid


def main() -> None:
    """Prepare the demo, serve it, save the screenshots."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--dest", type=Path, default=REPO / "docs" / "img")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright
    from ws_helpers import LiveServer

    from workspace.app import create_app
    from workspace.server import settings_for

    args.dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        project, out, sid = prepare(Path(tmp))
        with LiveServer(create_app(settings_for(project, out))) as server, \
                sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=FLAGS)
            for name, user, path in PAGES:
                page = browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
                page.goto(f"{server.url}/login")
                page.fill("#username", user)
                page.fill("#password", PASSWORD)
                page.press("#password", "Enter")
                page.wait_for_url(lambda u: "/login" not in u)
                page.goto(f"{server.url}{path.format(sid=sid)}")
                page.screenshot(path=str(args.dest / name))
                print(f"saved {args.dest / name}")
            browser.close()


if __name__ == "__main__":
    main()
