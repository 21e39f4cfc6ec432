"""Five coders deciding at once through one served workspace lose nothing: 5 clients x 200
decisions in parallel give 1,000 history rows and no error (SQLite WAL with a busy timeout)."""

from __future__ import annotations

import json
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from ws_helpers import PASSWORD, LiveServer, cheap_hash

from analysis.store import Store

pytestmark = [pytest.mark.slow, pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]
CODES = ("access_transport", "access_waiting", "support_listened")


def _post(url: str, body: dict, token: str | None = None) -> dict:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310 (loopback test server)
        assert resp.status == 200
        return json.loads(resp.read())


def test_five_coders_two_hundred_decisions_each_lose_nothing(settings, app) -> None:  # noqa: ANN001
    coders = [f"c{i}" for i in range(5)]
    with Store(settings.store_path) as st:
        for c in coders:
            st.add_user(c, role="coder", password_hash=cheap_hash())
        segments = st.read_segments()["segment_id"].tolist()
    with LiveServer(app) as server:
        tokens = {c: _post(f"{server.url}/api/login", {"username": c, "password": PASSWORD})[
            "token"] for c in coders}

        def work(coder: str) -> int:
            for k in range(200):
                _post(f"{server.url}/api/decisions",
                      {"segment_id": segments[k % len(segments)], "code_id": CODES[k % 3],
                       "status": "accepted" if k % 2 else "rejected"}, tokens[coder])
            return 200

        with ThreadPoolExecutor(max_workers=5) as pool:
            done = list(pool.map(work, coders))
    assert done == [200] * 5
    with Store(settings.store_path) as st:
        hist = st.read_codings(current_only=False)
    human = hist[hist["source"] == "human"]
    assert len(human) == 1000
    assert human.groupby("coder").size().to_dict() == dict.fromkeys(coders, 200)
    assert human["decided_at"].notna().all()
