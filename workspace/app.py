"""The Starlette app: routes, the session/CSRF/role guard, security headers, page rendering.

Every route except ``/healthz``, ``/login``, ``/api/login`` and ``/static`` needs a session
(cookie, or ``Authorization: Bearer`` for a notebook); without one a page redirects to
``/login`` and an API call answers 401, never data. Every POST needs the session's CSRF token
(``X-CSRF-Token`` header or ``csrf`` form field); a bearer token needs none, as a browser never
sends it by itself. Each route names the action it needs (:data:`workspace.auth.PERMISSIONS`).
Pages are Jinja2 templates with autoescaping on, so answer text always renders as text; the
Content-Security-Policy allows scripts and styles from the app itself only. Before any route:
the Host header must be one of ``Settings.allowed_hosts`` (Starlette's TrustedHostMiddleware),
and a body over its limit is refused with 413 before it is read (:class:`BodyLimit`). Error
messages name files by their name only, never a server path.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from workspace import auth, editorial
from workspace.service import Forbidden, Settings, Workspace

HERE = Path(__file__).resolve().parent
Handler = Callable[[Request], Awaitable[Response]]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
OPEN_PATHS = ("/healthz", "/login", "/api/login")


def _errors() -> tuple[type[BaseException], ...]:
    from codebook.errors import CodebookError
    from survey.errors import ToolkitError

    return (ToolkitError, CodebookError, KeyError, ValueError)


# an absolute POSIX or Windows path; its last part (the file's name) is kept
_PATH = re.compile(r"(?<![\w.:/])(?:[A-Za-z]:)?[\\/](?:[^\s'\"<>|\\/]+[\\/])+([^\s'\"<>|\\/:,;]*)")


def public_message(text: str) -> str:
    """An error message fit for a browser: every absolute server path cut to its file name."""
    return _PATH.sub(lambda m: m.group(1) or "(a folder)", text)


def _message(exc: BaseException) -> str:
    return public_message(str(exc.args[0]) if isinstance(exc, KeyError) and exc.args
                          else str(exc))


class App:
    """Builds the Starlette app around a :class:`~workspace.service.Workspace`."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.throttle = ws.settings.throttle or auth.Throttle()
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True))

    # -- guard ----------------------------------------------------------------------------------
    def _session(self, request: Request) -> tuple[dict[str, str] | None, bool]:
        """The session and whether it came as a bearer token."""
        header = request.headers.get("authorization", "")
        bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
        token = bearer or request.cookies.get(auth.SESSION_COOKIE, "")
        if not token:
            return None, False
        sess = self.ws.store().get_session(auth.token_hash(token))
        if sess is None or auth.is_expired(sess["expires_at"]):
            return None, False
        return sess, bool(bearer)

    def guard(self, action: str, *, page: bool = False) -> Callable[[Handler], Handler]:
        """Wrap a handler: session required, CSRF on writes, role allowed for ``action``."""
        def wrap(fn: Handler) -> Handler:
            async def handler(request: Request) -> Response:
                sess, bearer = await run_in_threadpool(self._session, request)
                if sess is None:
                    if page:
                        return RedirectResponse("/login", status_code=303)
                    return JSONResponse({"error": "login required"}, status_code=401)
                if request.method not in ("GET", "HEAD") and not bearer:
                    sent = request.headers.get("x-csrf-token")
                    if sent is None and request.headers.get("content-type", "").startswith(
                            ("application/x-www-form-urlencoded", "multipart/form-data")):
                        sent = (await request.form()).get("csrf")
                    if not auth.same(sent, sess["csrf"]):
                        return JSONResponse({"error": "missing or wrong CSRF token"},
                                            status_code=403)
                if not auth.allowed(sess["role"], action):
                    return JSONResponse({"error": f"a {sess['role']} may not do this"},
                                        status_code=403)
                request.state.user = sess["username"]
                request.state.role = sess["role"]
                request.state.csrf = sess["csrf"]
                try:
                    return await fn(request)
                except _errors() as exc:
                    return JSONResponse({"error": _message(exc)},
                                        status_code=403 if isinstance(exc, Forbidden) else 400)
            handler.__name__ = fn.__name__
            handler.__doc__ = fn.__doc__
            handler.action = action  # type: ignore[attr-defined]
            return handler
        return wrap

    def render(self, request: Request, name: str, **ctx: Any) -> HTMLResponse:
        """A page, with the user, role, CSRF token and navigation."""
        state = request.state
        html = self.env.get_template(name).render(
            user=getattr(state, "user", None), role=getattr(state, "role", None),
            csrf=getattr(state, "csrf", ""), project=self.ws.settings.project_name,
            path=request.url.path, can=lambda a: auth.allowed(state.role, a), **ctx)
        return HTMLResponse(html)

    # -- open routes ----------------------------------------------------------------------------
    async def healthz(self, request: Request) -> Response:
        """Liveness only: no data."""
        return JSONResponse({"status": "ok"})

    async def login_page(self, request: Request) -> Response:
        """The login form (sets the double-submit CSRF cookie)."""
        token = auth.new_token()
        resp = self.render(request, "login.html", login_csrf=token, error=None)
        resp.set_cookie(auth.LOGIN_COOKIE, token, httponly=True, samesite="strict",
                        secure=self.ws.settings.secure_cookies, max_age=3600)
        return resp

    async def _check_login(self, username: str, password: str) -> tuple[str | None, str]:
        """``(session token or None, error)`` after throttling and verifying."""
        st = self.ws.store  # called inside each worker thread: one connection per thread
        dummy = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$" + "A" * 43
        try:
            auth.check_username(username)
        except auth.AuthError:  # no such account can exist: nothing is stored for the name
            await run_in_threadpool(auth.verify_password, dummy, password)
            return None, "wrong"
        # counted before the password is checked, in one statement: guesses sent at once each
        # get their own number, so the lock holds however many arrive together
        attempt, locked = await run_in_threadpool(lambda: st().count_login_attempt(username))
        if auth.is_locked(locked):
            return None, "locked"
        until = self.throttle.locked_until(attempt)
        if attempt > self.throttle.lock_after and until is not None:
            await run_in_threadpool(lambda: st().lock_login(username, until=until))
            return None, "locked"
        await asyncio.sleep(self.throttle.delay(attempt - 1))
        user = await run_in_threadpool(lambda: st().get_user(username))
        ok = await run_in_threadpool(auth.verify_password,
                                     user["password_hash"] if user else dummy, password)
        if not (ok and user):
            if until is not None:
                await run_in_threadpool(lambda: st().lock_login(username, until=until))
            return None, "wrong"
        await run_in_threadpool(lambda: st().reset_login_failures(username))
        await run_in_threadpool(lambda: st().purge_sessions(expired_before=auth.iso(auth.now())))
        token = auth.new_token()
        expires = auth.iso(auth.now() + timedelta(hours=self.ws.settings.session_hours))
        await run_in_threadpool(lambda: st().add_session(
            auth.token_hash(token), username=username, csrf=auth.new_token(),
            expires_at=expires))
        return token, ""

    async def login(self, request: Request) -> Response:
        """Check the login form; on success set the session cookie."""
        form = await request.form()
        if not auth.same(form.get("csrf"), request.cookies.get(auth.LOGIN_COOKIE)):
            return JSONResponse({"error": "missing or wrong CSRF token"}, status_code=403)
        username, password = str(form.get("username") or ""), str(form.get("password") or "")
        token, err = await self._check_login(username, password)
        if token is None:
            new = auth.new_token()
            msg = ("Too many failed logins: this user name is locked for a while." if
                   err == "locked" else "Wrong user name or password.")
            resp = self.render(request, "login.html", login_csrf=new, error=msg)
            resp.status_code = 429 if err == "locked" else 401
            resp.set_cookie(auth.LOGIN_COOKIE, new, httponly=True, samesite="strict",
                            secure=self.ws.settings.secure_cookies, max_age=3600)
            return resp
        resp = RedirectResponse("/", status_code=303)
        resp.set_cookie(auth.SESSION_COOKIE, token, httponly=True, samesite="strict",
                        secure=self.ws.settings.secure_cookies,
                        max_age=int(self.ws.settings.session_hours * 3600))
        resp.delete_cookie(auth.LOGIN_COOKIE)
        return resp

    async def api_login(self, request: Request) -> Response:
        """JSON login for a notebook: ``{"username", "password"}`` -> ``{"token"}`` (use it as
        ``Authorization: Bearer``). JSON only, so no browser form can post it cross-site."""
        if not request.headers.get("content-type", "").startswith("application/json"):
            return JSONResponse({"error": "send JSON"}, status_code=415)
        try:
            body = await request.json()
        except ValueError:  # malformed JSON or text that is not UTF-8
            return JSONResponse({"error": "send a JSON object"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "send a JSON object"}, status_code=400)
        token, err = await self._check_login(str(body.get("username") or ""),
                                             str(body.get("password") or ""))
        if token is None:
            return JSONResponse({"error": "locked" if err == "locked" else
                                 "wrong user name or password"},
                                status_code=429 if err == "locked" else 401)
        return JSONResponse({"token": token})

    def routes(self) -> list[Any]:
        """Every route; the security tests enumerate this list."""
        from workspace import routes as r

        g = self.guard
        return [
            Route("/healthz", self.healthz),
            Route("/login", self.login_page, methods=["GET"]),
            Route("/login", self.login, methods=["POST"], name="login_post"),
            Route("/api/login", self.api_login, methods=["POST"]),
            Route("/logout", g("read")(r.logout(self)), methods=["POST"]),
            Route("/", g("read", page=True)(r.home(self))),
            Route("/queue", g("read", page=True)(r.queue_page(self))),
            Route("/codebook", g("read", page=True)(r.codebook_page(self))),
            Route("/topics", g("read", page=True)(r.topics_page(self))),
            Route("/quotes", g("quote", page=True)(r.quotes_page(self))),
            Route("/agreement", g("lead", page=True)(r.agreement_page(self))),
            Route("/progress", g("read", page=True)(r.progress_page(self))),
            Route("/api/me", g("read")(r.me(self))),
            Route("/api/codes", g("read")(r.codes(self))),
            Route("/api/queue/next", g("read")(r.queue_next(self))),
            Route("/api/segments/{segment_id}", g("read")(r.segment(self))),
            Route("/api/segments/{segment_id}/submit", g("code")(r.submit(self)),
                  methods=["POST"]),
            Route("/api/segments/{segment_id}/memo", g("code")(r.memo(self)), methods=["POST"]),
            Route("/api/segments/{segment_id}/decisions", g("lead")(r.segment_decisions(self))),
            Route("/api/decisions", g("code")(r.decision(self)), methods=["POST"]),
            Route("/api/spans", g("code")(r.span(self)), methods=["POST"]),
            Route("/api/codings", g("lead")(r.codings(self))),
            Route("/api/agreement", g("lead")(r.agreement(self))),
            Route("/api/disagreements", g("lead")(r.disagreements(self))),
            Route("/api/assign", g("lead")(r.assign(self)), methods=["POST"]),
            Route("/api/reconcile", g("lead")(r.reconcile(self)), methods=["POST"]),
            Route("/api/codebook", g("read")(r.codebook(self))),
            Route("/api/codebook/export/{fmt}", g("read")(r.codebook_export(self))),
            Route("/api/codebook/import", g("lead")(r.codebook_import(self)), methods=["POST"]),
            Route("/api/codebook/{op}", g("lead")(r.codebook_change(self)), methods=["POST"]),
            Route("/api/topics", g("read")(r.topics(self))),
            Route("/api/topics/fit", g("read")(r.topics_fit(self))),
            Route("/api/topics/{topic_id}/promote", g("lead")(r.promote(self)),
                  methods=["POST"]),
            Route("/api/quotes", g("quote")(r.quotes(self))),
            Route("/api/quotes/picks", g("quote")(r.quote_picks(self))),
            Route("/api/quotes/pick", g("quote")(r.pick(self)), methods=["POST"]),
            Route("/api/marks", g("lead")(r.marks(self))),
            Route("/api/marks", g("mark")(r.mark(self)), methods=["POST"], name="mark_post"),
            Route("/api/progress", g("read")(r.progress(self))),
            Route("/api/flags/clear", g("lead")(r.flags_clear(self)), methods=["POST"]),
            Route("/api/marks/send", g("lead")(r.marks_send(self)), methods=["POST"]),
            *r.interface_routes(self, g),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]


async def _security_headers(app: Any, scope: dict, receive: Any, send: Any) -> None:
    async def send_with(message: dict) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            headers += [(b"content-security-policy", CSP.encode()),
                        (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"),
                        (b"x-frame-options", b"DENY"),
                        (b"cache-control", b"no-store")]
            message["headers"] = headers
        await send(message)
    await app(scope, receive, send_with)


class _TooLarge(Exception):
    """A body grew past its limit while it was read."""


class BodyLimit:
    """ASGI middleware refusing a request body over its limit with 413, before it is read: a
    declared ``Content-Length`` over the limit is answered at once, and a body without one is
    counted as it arrives and abandoned at the limit. Multipart uploads have their own, larger
    limit.

    Args:
        app: The inner ASGI app.
        max_json: Largest body other than multipart, in bytes.
        max_upload: Largest multipart body, in bytes.
    """

    def __init__(self, app: Any, *, max_json: int, max_upload: int) -> None:
        self.app = app
        self.max_json = max_json
        self.max_upload = max_upload

    @staticmethod
    async def _refuse(scope: dict, receive: Any, send: Any, limit: int, status: int = 413,
                      error: str = "") -> None:
        resp = JSONResponse({"error": error or f"request body too large (limit {limit:,} "
                             "bytes)"}, status_code=status, headers={"connection": "close"})
        await resp(scope, receive, send)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import Headers

        headers = Headers(scope=scope)
        multipart = headers.get("content-type", "").startswith("multipart/form-data")
        limit = self.max_upload if multipart else self.max_json
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(scope, receive, send, limit, 400, "bad Content-Length")
                return
            if int(declared) > limit:
                await self._refuse(scope, receive, send, limit)
                return
        seen, started = 0, False

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        async def tracked(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except _TooLarge:
            if not started:
                await self._refuse(scope, receive, send, limit)


class SecurityHeaders:
    """ASGI middleware adding the CSP and friends to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await _security_headers(self.app, scope, receive, send)


def create_app(settings: Settings) -> Starlette:
    """The ASGI app for a project.

    Args:
        settings: Store path, codebook path and behaviour (:class:`Settings`).

    Returns:
        The Starlette app (``app.state.workspace`` holds the :class:`Workspace`).
    """
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    ws = Workspace(settings)
    ws.store()  # migrate now, in this thread, before requests arrive
    builder = App(ws)
    app = Starlette(routes=builder.routes(), middleware=[
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts),
                   www_redirect=False),
        Middleware(BodyLimit, max_json=settings.max_json_bytes,
                   max_upload=settings.max_upload_bytes)])
    app.state.workspace = ws
    app.state.builder = builder
    return app


__all__ = ["App", "create_app", "editorial"]
