"""Security of the workspace, checked over every route the app's router holds: no answer text
without a session, no write without the CSRF token, roles enforced, markup rendered as text,
failed logins slowed then locked (also when sent all at once), bodies limited before they are
read, malformed JSON refused, logout revoking bearer tokens, tokens expiring, a password
strength policy, Host headers checked, no server path in an error, and no non-loopback bind
without --allow-remote and TLS (or a TLS proxy)."""

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
    resp = TestClient(app, base_url="http://127.0.0.1").get("/healthz")
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
    # the 5th attempt waited (0.2 s), the first two did not: a sleep lasts at least its time,
    # and the faster of two undelayed attempts keeps a busy machine's noise out of the margin
    assert times[4] >= 0.2 and times[4] - min(times[:2]) >= 0.1
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
def test_non_loopback_host_needs_allow_remote_and_tls(host: str, ok: bool) -> None:
    assert is_loopback(host) is ok
    if ok:
        assert check_host(host, allow_remote=False) is False
    else:
        with pytest.raises(Exception, match="--allow-remote"):
            check_host(host, allow_remote=False)
        with pytest.raises(Exception, match="--tls-cert"):  # plain HTTP to the network
            check_host(host, allow_remote=True)
        assert check_host(host, allow_remote=True, tls=True) is True
        assert check_host(host, allow_remote=True, behind_proxy=True,
                          trusted_hosts=("voices.example.org",)) is True
    with pytest.raises(Exception, match="--trusted-host"):
        check_host(host, allow_remote=True, behind_proxy=True)


def test_serve_refuses_before_starting_and_serves_tls_with_allow_remote(
        settings, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    import workspace.server as server

    ran, said = [], []
    with pytest.raises(Exception, match="--allow-remote"):
        serve(host="0.0.0.0", run=lambda *a, **k: ran.append(1))
    monkeypatch.setattr(server, "settings_for", lambda project, out: settings)
    with pytest.raises(Exception, match="--tls-cert"):
        serve(host="0.0.0.0", allow_remote=True, run=lambda *a, **k: ran.append(1))
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_text("synthetic")
    key.write_text("synthetic")
    with pytest.raises(Exception, match="both"):
        serve(host="0.0.0.0", allow_remote=True, tls_cert=cert, run=lambda *a, **k: ran.append(1))
    assert ran == []
    serve(host="192.168.1.5", port=9999, allow_remote=True, tls_cert=cert, tls_key=key,
          say=said.append, run=lambda app, **kw: ran.append(kw))
    assert ran[0]["host"] == "192.168.1.5" and ran[0]["port"] == 9999
    assert ran[0]["ssl_certfile"] == str(cert) and ran[0]["ssl_keyfile"] == str(key)
    assert settings.secure_cookies is True and "https://192.168.1.5:9999/" in said[0]
    assert "192.168.1.5" in settings.allowed_hosts
    serve(host="127.0.0.1", allow_remote=True, behind_proxy=True,
          trusted_hosts=("Voices.Example.org",), say=said.append,
          run=lambda app, **kw: ran.append(kw))
    assert ran[1]["proxy_headers"] is True and "ssl_certfile" not in ran[1]
    assert "voices.example.org" in settings.allowed_hosts
    serve(session_hours=0.5, max_json_mb=2, max_upload_mb=0.5, say=said.append,
          run=lambda app, **kw: ran.append(kw))
    assert (settings.session_hours, settings.max_json_bytes, settings.max_upload_bytes) == (
        0.5, 2 << 20, 1 << 19)
    with pytest.raises(Exception, match="above 0"):
        serve(session_hours=0, run=lambda *a, **k: ran.append(1))


def test_host_header_is_checked(settings) -> None:  # noqa: ANN001
    from workspace.app import create_app

    app = create_app(settings)
    for base, code in (("http://127.0.0.1", 200), ("http://localhost:8765", 200),
                       ("http://[::1]:8765", 200), ("http://evil.example", 400),
                       ("http://127.0.0.1.evil.example", 400)):
        assert TestClient(app, base_url=base).get("/healthz").status_code == code, base
    settings.allowed_hosts = (*settings.allowed_hosts, "voices.example.org")
    app = create_app(settings)
    assert TestClient(app, base_url="https://voices.example.org").get(
        "/healthz").status_code == 200


def test_cli_serve_refuses_a_public_host(tmp_path) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from voices.cli import app

    res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--out", str(tmp_path)])
    assert res.exit_code == 1 and "--allow-remote" in res.output
    res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--allow-remote", "--out",
                                   str(tmp_path)])
    assert res.exit_code == 1 and "--tls-cert" in res.output and "--behind-proxy" in res.output
    res = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--allow-remote",
                                   "--behind-proxy", "--out", str(tmp_path)])
    assert res.exit_code == 1 and "--trusted-host" in res.output


# -- failed logins counted atomically ---------------------------------------------------------------
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_fifty_wrong_passwords_at_once_lock_the_account(app) -> None:  # noqa: ANN001
    import json
    import urllib.error
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    from ws_helpers import LiveServer

    def attempt(password: str) -> int:
        req = urllib.request.Request(
            f"{srv.url}/api/login", method="POST", headers={"content-type": "application/json"},
            data=json.dumps({"username": "coder1", "password": password}).encode())
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:  # noqa: S310
                return resp.status
        except urllib.error.HTTPError as err:
            return err.code

    # fixture throttle: locked after 5 failures
    with LiveServer(app) as srv, ThreadPoolExecutor(50) as pool:
        codes = list(pool.map(attempt, [f"wrong guess {i}!" for i in range(50)]))
        assert set(codes) <= {401, 429}
        assert codes.count(401) <= 5, codes  # at most lock_after passwords were checked
        assert attempt(PASSWORD) == 429  # the right password is refused: locked
    with app.state.workspace.store() as st:
        assert st.login_state("coder1")[1] is not None


# -- request bodies ---------------------------------------------------------------------------------
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_huge_declared_body_gets_413_before_it_is_sent(app) -> None:  # noqa: ANN001
    import socket

    from ws_helpers import LiveServer

    with LiveServer(app) as srv:
        port = int(srv.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Type: application/json\r\n"
                      b"Content-Length: 314572800\r\n\r\n" + b"{" * 1024)
            # 300 MiB announced, 1 KiB sent: the answer comes without the rest
            reply = s.recv(4096).decode("latin-1")
        assert reply.startswith("HTTP/1.1 413"), reply[:200]


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_chunked_body_is_cut_off_at_the_limit(app) -> None:  # noqa: ANN001
    import socket

    from ws_helpers import LiveServer

    chunk = b"a" * 65536
    sent = 0
    with LiveServer(app) as srv:
        port = int(srv.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            s.sendall(b"POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
            try:
                while sent < 64 << 20:  # no Content-Length: counted as it arrives
                    s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
            except OSError:  # the server answered and closed: it stopped reading
                pass
            reply = s.recv(4096).decode("latin-1")
    assert reply.startswith("HTTP/1.1 413"), reply[:200]
    assert sent < 32 << 20  # far less than the 64 MiB offered was taken


def test_body_limits_are_settable_and_uploads_have_their_own(settings, tmp_path) -> None:  # noqa: ANN001
    from workspace.app import create_app

    settings.max_json_bytes, settings.max_upload_bytes = 2000, 5000
    app = create_app(settings)
    client = TestClient(app, base_url="http://127.0.0.1")
    big = client.post("/api/login", json={"username": "lead1", "password": "x" * 3000})
    assert big.status_code == 413
    token = client.post("/api/login", json={"username": "lead1",
                                            "password": PASSWORD}).json()["token"]
    auth_h = {"Authorization": f"Bearer {token}"}
    up = client.post("/api/codebook/import", headers=auth_h,
                     files={"file": ("cb.qdc", b"<x/>" * 1000, "application/xml")})
    assert up.status_code != 413  # 4,000 bytes: under the upload limit
    up = client.post("/api/codebook/import", headers=auth_h,
                     files={"file": ("cb.qdc", b"<x/>" * 2000, "application/xml")})
    assert up.status_code == 413


def test_default_body_limits() -> None:
    from workspace.service import Settings

    s = Settings(store_path="x")
    assert (s.max_json_bytes, s.max_upload_bytes) == (1 << 20, 10 << 20)


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe\x00", b'{"username": "lead1",'])
def test_malformed_json_gets_400(client_for, app, body: bytes) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    resp = client.post("/api/login", content=body, headers={"content-type": "application/json"})
    assert resp.status_code == 400 and resp.json() == {"error": "send a JSON object"}
    lead = client_for("lead1")
    resp = lead.post("/api/decisions", content=body,
                     headers={"content-type": "application/json"})
    assert resp.status_code == 400


# -- sessions ---------------------------------------------------------------------------------------
def test_logout_revokes_the_bearer_token(app) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    token = client.post("/api/login", json={"username": "lead1",
                                            "password": PASSWORD}).json()["token"]
    other = client.post("/api/login", json={"username": "lead1",
                                            "password": PASSWORD}).json()["token"]
    h = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/me", headers=h).status_code == 200
    out = client.post("/logout", headers=h, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/api/me", headers=h).status_code == 401
    assert client.get("/api/me", headers={"Authorization": f"Bearer {other}"}).status_code == 200


def test_tokens_expire_after_the_settable_lifetime(settings) -> None:  # noqa: ANN001
    from workspace.app import create_app

    settings.session_hours = 1e-9  # over at once
    app = create_app(settings)
    client = TestClient(app, base_url="http://127.0.0.1")
    token = client.post("/api/login", json={"username": "lead1",
                                            "password": PASSWORD}).json()["token"]
    assert client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    settings.session_hours = 1.0
    client.post("/api/login", json={"username": "lead1", "password": PASSWORD})  # purges
    with app.state.workspace.store() as st:
        assert st.get_session(auth.token_hash(token)) is None


# -- passwords --------------------------------------------------------------------------------------
@pytest.mark.parametrize("password,ok", [
    ("aaaaaaaaaa", False), ("aaaaaaaaaaaaaaaa", False), ("password1234", False),
    ("coder1coder1coder1", False), ("correct horse battery", True),
    ("a long enough password", True)])
def test_password_policy_needs_length_and_strength(password: str, ok: bool) -> None:
    if ok:
        assert auth.check_password(password, user_inputs=("coder1",)) == password
    else:
        with pytest.raises(auth.AuthError) as err:
            auth.check_password(password, user_inputs=("coder1",))
        assert password not in str(err.value)


def test_cli_users_add_refuses_a_weak_password(tmp_path) -> None:  # noqa: ANN001
    from typer.testing import CliRunner

    from voices.cli import app
    from ws_helpers import build_store

    build_store(tmp_path / "project.sqlite")
    res = CliRunner().invoke(app, ["users", "add", "EF", "--role", "coder", "--out",
                                   str(tmp_path)], input="aaaaaaaaaa\n")
    assert res.exit_code == 1 and "at least 12" in res.output
    res = CliRunner().invoke(app, ["users", "add", "EF", "--role", "coder", "--out",
                                   str(tmp_path)], input="aaaaaaaaaaaaaaaa\n")
    assert res.exit_code == 1 and "too easy to guess" in res.output


# -- messages ---------------------------------------------------------------------------------------
def test_a_bad_qdc_import_names_no_server_path(client_for, tmp_path) -> None:  # noqa: ANN001
    import tempfile

    lead = client_for("lead1")
    resp = lead.post("/api/codebook/import",
                     files={"file": ("cb.qdc", b"<CodeBook><broken", "application/xml")})
    assert resp.status_code == 400
    err = resp.json()["error"]
    assert tempfile.gettempdir() not in err and "/" not in err.split(":")[0], err


@pytest.mark.parametrize("text,shown", [
    ("/tmp/tmpab12/import.qdc: line 3: bad XML", "import.qdc: line 3: bad XML"),
    ("/srv/out/project.sqlite: not a SQLite database", "project.sqlite: not a SQLite database"),
    ("C:\\Users\\x\\cb.qdc is bad", "cb.qdc is bad"),
    ("code access/transport: offsets 3-4", "code access/transport: offsets 3-4")])
def test_public_messages_cut_server_paths(text: str, shown: str) -> None:
    from workspace.app import public_message

    assert public_message(text) == shown


def test_the_right_password_works_again_once_a_lock_ends(settings) -> None:  # noqa: ANN001
    from workspace.app import create_app

    # a 6-second lock: three password hashes on a loaded machine must not outlast it (a
    # 1-second lock ended before the fourth login in one CI run)
    settings.throttle = auth.Throttle(slow_after=99, lock_after=3, lock_minutes=6 / 60)
    client = TestClient(create_app(settings), base_url="http://127.0.0.1")
    for _ in range(3):
        assert login(client, "coder1", "wrong password!").status_code == 401
    assert login(client, "coder1").status_code == 429
    time.sleep(7.2)  # the 6-second lock is over
    assert login(client, "coder1").status_code == 303
    assert login(client, "coder1", "wrong password!").status_code == 401  # counted afresh
    assert login(client, "coder1").status_code == 303


def test_a_name_no_account_can_have_leaves_nothing_in_the_store(app) -> None:  # noqa: ANN001
    client = TestClient(app, base_url="http://127.0.0.1")
    for name in ("x" * 5000, "Jane Doe", ""):
        resp = client.post("/api/login", json={"username": name, "password": "whatever!"})
        assert resp.status_code == 401
        with app.state.workspace.store() as st:
            assert st.login_state(name) == (0, None)
