"""Helpers for the workspace tests: a small synthetic project store and codebook with accounts
for each role, and a form login."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from analysis.store import Store
from survey.instrument import instrument_from_dict
from workspace.service import Settings

PASSWORD = "correct horse battery"
SENTINEL = "Zanzibar-kettle-omega"  # appears in every answer; must never leak without a session
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'
INST = instrument_from_dict({"questions": [
    {"id": "helped", "text": "What helped?", "kind": "text"},
    {"id": "improve", "text": "What should change?", "kind": "text"}]})
CODEBOOK = """name: Test codebook (synthetic)
version: 1
themes:
  - id: access
    label: Access
    codes:
      - {id: access_transport, label: Travel is hard, definition: Getting there is hard.}
      - {id: access_waiting, label: Long waits, definition: Waiting lists.}
  - id: support
    label: Support
    codes:
      - {id: support_listened, label: Being listened to, definition: Staff listened.}
"""


def cheap_hash(password: str = PASSWORD) -> str:
    """An argon2id hash with tiny cost parameters (verification reads them from the hash), so
    the tests log in fast; ``voices users add`` uses the library defaults."""
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(password)


def answer_texts() -> list[str]:
    """Synthetic answers, each holding the sentinel; the third holds markup."""
    return [f"The bus takes ages and I waited months. {SENTINEL} one.",
            f"Staff listened to me properly. {SENTINEL} two.",
            f"Odd text {XSS} {SENTINEL} three.",
            f"Nothing else to add really. {SENTINEL} four."]


def build_store(path: Path, *, n_respondents: int = 4) -> None:
    """A store with respondents, answers, one segment per answer and machine suggestions."""
    texts = answer_texts()
    responses, answers, segments, sugg = [], [], [], []
    for i in range(n_respondents):
        rid = f"r{i}"
        responses.append({"response_id": rid, "source": "s.csv",
                          "cohort": "survivor" if i % 2 == 0 else "professional",
                          "wave": 1 + (i % 2), "kind": "survey", "submitted": None})
        for q in ("helped", "improve"):
            aid = f"a{i}_{q}"
            text = texts[i % len(texts)] if q == "helped" else f"More staff please. {SENTINEL}."
            answers.append({"answer_id": aid, "response_id": rid, "question_id": q,
                            "text": text, "lang": "en"})
            segments.append({"segment_id": f"s{i}_{q}", "answer_id": aid, "start": 0,
                             "end": len(text), "text": text})
            sugg.append({"segment_id": f"s{i}_{q}", "code_id": "access_transport",
                         "coder": "rules.v1", "source": "rules", "confidence": 0.8,
                         "status": "suggested", "evidence": "matched: bus",
                         "decided_at": None})
    hashed = cheap_hash()
    with Store(path) as st:
        st.replace_survey_data(INST, pd.DataFrame(responses), pd.DataFrame(answers))
        st.replace_segments(pd.DataFrame(segments))
        st.replace_suggestions(pd.DataFrame(sugg))
        for name, role in (("lead1", "lead"), ("coder1", "coder"), ("coder2", "coder"),
                           ("writer1", "writer")):
            st.add_user(name, role=role, password_hash=hashed)


def login(client, username: str, password: str = PASSWORD):  # noqa: ANN001, ANN201
    """Log a test client in through the form; returns the response."""
    page = client.get("/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    return client.post("/login", data={"csrf": token, "username": username,
                                       "password": password}, follow_redirects=False)


def csrf_of(client) -> str:  # noqa: ANN001
    """The session's CSRF token, read from a page."""
    page = client.get("/progress")
    return re.search(r'<meta name="csrf" content="([^"]+)"', page.text).group(1)


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread (sockets must be enabled
    for the test: ``pytest.mark.enable_socket``)."""

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app
        self.url = ""
        self._server = None
        self._thread = None

    def __enter__(self) -> "LiveServer":
        import socket
        import threading
        import time

        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(self.app, host="127.0.0.1", port=port,
                                                     log_level="warning", access_log=False))
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        if not self._server.started:
            raise RuntimeError("the test server did not start")
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
