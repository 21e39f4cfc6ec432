"""Security of the workspace, checked over every route the app's router holds: no answer text
without a session, no write without the CSRF token, roles enforced, markup rendered as text,
failed logins slowed then locked, and no non-loopback bind without --allow-remote."""

from __future__ import annotations

import time

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient

from ws_helpers import PASSWORD, SENTINEL, login
from workspace import auth
from workspace.server import check_host, is_loopback, serve

PARAMS = {"segment_id": "s0_helped", "fmt": "yaml", "op": "rename", "topic_id": "1",
          "memo_id": "1"}
OPEN = {("/healthz", "GET"), ("/login", "GET"), ("/login", "POST"), ("/api/login", "POST")}


def _routes(app) -> list[tuple[str, str]]:  # noqa: ANN001
    out = []
    for r in app.routes:
        if isinstance(r, Route):
            for m in sorted(r.methods - {"HEAD"}):
                out.append((r.path.format(**{k: PARAMS[k] for k in r.param_convertors}), m))
    return out


def test_router_exposes_the_contract_routes(app) -> None:  # noqa: ANN001
    paths = {p for p, _ in _routes(app)}
    assert {"/healthz", "/login", "/queue", "/codebook", "/topics", "/quotes",
            "/agreement"} <= paths
    assert any(p.startswith("/api/") for p in paths)
    assert any(isinstance(r, Mount) and r.path == "/static" for r in app.routes)


def test_no_route_returns_answer_text_without_a_session(app) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    checked = 0
    for path, method in _routes(app):
        resp = client.request(method, path, follow_redirects=False,
                              json={"segment_id": "s0_helped", "answer_id": "a0_helped"})
        assert SENTINEL not in resp.text, (method, path)
        if (path, method) not in OPEN:
            assert resp.status_code in (303, 401, 403), (method, path, resp.status_code)
            if resp.status_code == 303:
                assert resp.headers["location"] == "/login"
        checked += 1
    assert checked >= 30


def test_healthz_answers_without_data(app) -> None:  # noqa: ANN001
    resp = TestClient(app).get("/healthz")
    assert resp.status_code == 200 and resp.json() == {"status": "ok"}


def test_every_post_without_the_csrf_token_is_refused(app, client_for) -> None:  # noqa: ANN001
    lead = client_for("lead1")
    token = lead.headers.pop("X-CSRF-Token")
    posts = [p for p, m in _routes(app) if m == "POST" and p not in ("/login", "/api/login")]
    assert len(posts) >= 12
    for path in posts:
        resp = lead.post(path, json={"segment_id": "s0_helped", "code_id": "access_waiting",
                                     "status": "accepted", "codes": ["access_waiting"]})
        assert resp.status_code == 403, path
        assert "CSRF" in resp.json()["error"]
    bad = lead.post("/api/decisions", headers={"X-CSRF-Token": token[:-2] + "xx"},
                    json={"segment_id": "s0_helped", "code_id": "access_waiting",
                          "status": "accepted"})
    assert bad.status_code == 403
    with lead.app.state.workspace.store() as st:  # nothing was written
        assert st.read_codings().query("source == 'human'").empty


def test_login_form_needs_its_csrf_cookie(app) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    resp = client.post("/login", data={"username": "lead1", "password": PASSWORD},
                       follow_redirects=False)
    assert resp.status_code == 403
    assert auth.SESSION_COOKIE not in resp.headers.get("set-cookie", "")


def test_api_login_takes_json_only_and_its_token_works_as_bearer(app) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    assert client.post("/api/login", data={"username": "lead1",
                                           "password": PASSWORD}).status_code == 415
    token = client.post("/api/login", json={"username": "lead1",
                                            "password": PASSWORD}).json()["token"]
    fresh = TestClient(app, base_url="http://127.0.0.1")
    resp = fresh.get("/api/codings", headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 200 and isinstance(resp.json(), list)


def test_session_cookie_is_httponly_and_samesite(app) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    cookie = login(client, "coder1").headers["set-cookie"].lower()
    assert auth.SESSION_COOKIE in cookie and "httponly" in cookie and "samesite=strict" in cookie


@pytest.mark.parametrize("user,method,path,body", [
    ("coder1", "POST", "/api/codebook/rename", {"code_id": "access_waiting", "new_id": "w2"}),
    ("coder1", "POST", "/api/codebook/retire", {"code_id": "access_waiting"}),
    ("coder1", "POST", "/api/reconcile", {"segment_id": "s0_helped",
                                          "code_id": "access_waiting", "status": "accepted"}),
    ("coder1", "GET", "/agreement", None),
    ("coder1", "POST", "/api/quotes/pick", {"answer_id": "a0_helped", "starred": True}),
    ("writer1", "POST", "/api/segments/s0_helped/submit", {"codes": ["access_waiting"]}),
    ("writer1", "POST", "/api/decisions", {"segment_id": "s0_helped",
                                           "code_id": "access_waiting", "status": "accepted"}),
    ("writer1", "POST", "/api/spans", {"answer_id": "a0_helped", "start": 0, "end": 3,
                                       "codes": ["access_waiting"]}),
    ("writer1", "POST", "/api/codebook/edit", {"code_id": "access_waiting", "label": "x"}),
])
def test_roles_are_enforced(client_for, user: str, method: str, path: str,  # noqa: ANN001
                            body: dict | None) -> None:
    client = client_for(user)
    resp = client.request(method, path, json=body)
    assert resp.status_code == 403, resp.text
    with client.app.state.workspace.store() as st:
        assert st.read_codings().query("source == 'human'").empty
    assert "w2" not in client.app.state.workspace.settings.codebook_path.read_text()


def test_roles_allow_their_own_work(client_for) -> None:  # noqa: ANN001
    writer, coder, lead = client_for("writer1"), client_for("coder1"), client_for("lead1")
    assert writer.post("/api/quotes/pick", json={"answer_id": "a0_helped",
                                                  "code_id": "access_transport",
                                                  "starred": True}).status_code == 200
    assert coder.post("/api/decisions", json={"segment_id": "s0_helped",
                                               "code_id": "access_waiting",
                                               "status": "accepted"}).status_code == 200
    assert lead.post("/api/codebook/rename", json={"code_id": "access_waiting",
                                                   "new_id": "access_wait"}).status_code == 200


@pytest.mark.parametrize("page", ["/queue?seg=s2_helped", "/quotes", "/api/segments/s2_helped"])
def test_markup_in_an_answer_renders_as_text(client_for, page: str) -> None:  # noqa: ANN001
    resp = client_for("lead1").get(page)
    assert resp.status_code == 200
    if page.startswith("/api/"):  # JSON, never sniffed as HTML
        assert resp.headers["content-type"] == "application/json"
        assert resp.headers["x-content-type-options"] == "nosniff"
    else:
        assert "<script>alert" not in resp.text and "<img src=x" not in resp.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=" in resp.text
        assert "script-src 'self'" in resp.headers["content-security-policy"]


def test_repeated_wrong_passwords_are_slowed_then_locked(app) -> None:  # noqa: ANN001
    # test throttle: slowed from the 2nd failure (0.05 s, doubling, cap 0.2 s), locked at 5
    client = TestClient(app, base_url="http://127.0.0.1")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        assert login(client, "coder1", "wrong password!").status_code == 401
        times.append(time.perf_counter() - t0)
    assert times[4] - times[0] >= 0.15  # the 5th attempt waited (0.2 s); the 1st did not
    locked = login(client, "coder1", PASSWORD)  # right password, but locked
    assert locked.status_code == 429 and auth.SESSION_COOKIE not in locked.headers.get(
        "set-cookie", "")
    assert login(client, "coder2").status_code == 303  # other users unaffected


def test_throttle_policy_doubles_and_caps() -> None:
    t = auth.Throttle(slow_after=3, delay_s=0.5, max_delay_s=8, lock_after=8)
    assert [t.delay(n) for n in (0, 2, 3, 4, 5, 9)] == [0, 0, 0.5, 1.0, 2.0, 8]
    assert t.locked_until(7) is None and auth.is_locked(t.locked_until(8))


@pytest.mark.parametrize("host,ok", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                     ("127.0.0.2", True), ("0.0.0.0", False),
                                     ("192.168.1.5", False), ("example.org", False)])
def test_non_loopback_host_needs_allow_remote(host: str, ok: bool) -> None:
    assert is_loopback(host) is ok
    if ok:
        assert check_host(host, allow_remote=False) is False
    else:
        with pytest.raises(Exception, match="--allow-remote"):
            check_host(host, allow_remote=False)
        assert check_host(host, allow_remote=True) is True


def test_serve_refuses_before_starting_and_warns_with_allow_remote(settings,  # noqa: ANN001
                                                                   monkeypatch) -> None:
    import workspace.server as server

    ran, said = [], []
    with pytest.raises(Exception, match="--allow-remote"):
        serve(host="0.0.0.0", run=lambda *a, **k: ran.append(1))
    assert ran == []
    monkeypatch.setattr(server, "settings_for", lambda project, out: settings)
    serve(host="0.0.0.0", port=9999, allow_remote=True, say=said.append,
          run=lambda app, **kw: ran.append(kw))
    assert ran[0]["host"] == "0.0.0.0" and ran[0]["port"] == 9999
    assert settings.secure_cookies is True
    assert "TLS" in said[0] and "http://0.0.0.0:9999/" in said[1]


def test_cli_serve_refuses_a_public_host(tmp_path) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from voices.cli import app

    res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--out", str(tmp_path)])
    assert res.exit_code == 1 and "--allow-remote" in res.output
