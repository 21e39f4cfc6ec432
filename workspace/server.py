"""``voices serve``: open a project's workspace on a local port.

Binding to anything but a loopback address needs ``allow_remote`` and one of two ways to keep
logins and answers off the network in clear: a certificate and key (uvicorn serves TLS), or
``behind_proxy`` with the public name(s) the TLS proxy forwards (``trusted_hosts``). Either way
the cookies are marked ``Secure``. Only the Host names allowed are answered (loopback names,
the bound address and ``trusted_hosts``). One ``serve`` per output folder: a lock file with the
holder's pid (:func:`survey.runlock.run_lock`) refuses a second and names the first. The URL is
printed; Ctrl-C stops uvicorn cleanly and releases the lock.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import Any

from survey.errors import ToolkitError

from workspace.service import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
SERVE_LOCK = ".voices-serve.lock"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
PROXY_NOTE = ("note: serving plain HTTP for the TLS proxy in front; let only the proxy reach "
              "this port")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, *, allow_remote: bool, tls: bool = False, behind_proxy: bool = False,
               trusted_hosts: tuple[str, ...] = ()) -> bool:
    """Refuse a non-loopback host unless ``allow_remote`` with TLS or a TLS proxy; returns
    whether the workspace is reachable from other machines.

    Raises:
        ToolkitError: A non-loopback host without ``allow_remote``, or with it but neither
            TLS nor ``behind_proxy`` with a trusted host name.
    """
    if behind_proxy and not trusted_hosts:
        raise ToolkitError("--behind-proxy needs --trusted-host NAME: the public name the proxy "
                           "forwards, so no other Host header is answered")
    if is_loopback(host):
        return False
    if not allow_remote:
        raise ToolkitError(f"--host {host} is not a loopback address: the workspace would be "
                           "reachable from other machines; add --allow-remote with --tls-cert "
                           "and --tls-key, or use --host 127.0.0.1")
    if not (tls or behind_proxy):
        raise ToolkitError("--allow-remote needs TLS, or passwords and answers cross the "
                           "network in clear: give --tls-cert FILE and --tls-key FILE, or "
                           "--behind-proxy --trusted-host NAME for a TLS proxy in front")
    return True


def allowed_hosts(host: str, trusted_hosts: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The Host header names to answer: loopback names, the bound address (unless a
    wildcard) and the trusted names."""
    bound = () if host in ("0.0.0.0", "::", "") else (
        f"[{host.strip('[]')}]" if ":" in host else host,)
    return tuple(dict.fromkeys(n.lower() for n in (*LOOPBACK_NAMES, *bound, *trusted_hosts)))


def settings_for(project: str | Path | None, out_dir: str | Path | None) -> Settings:
    """Settings for a project: its store (which must exist) and codebook file.

    Raises:
        ToolkitError: No store yet, or a bad project config.
    """
    from analysis.project import project_store
    from analysis.project import resolve_project, review_dir_for
    from survey.config import load_project

    store_path, _ = project_store(project, out_dir)
    config = load_project(resolve_project(project))
    return Settings(store_path=store_path, codebook_path=config.codebook,
                    project_name=config.name, fast_embeddings=config.topics.fast,
                    embedding_model=config.topics.embedding_model,
                    embedding_precision=config.topics.embedding_precision, seed=config.seed,
                    memo_anonymiser=MemoAnonymiser(config),
                    review_dir=review_dir_for(resolve_project(project)))


class MemoAnonymiser:
    """The project's anonymiser for memos, built on first use (spaCy loads then), one text at
    a time under a lock, placeholders numbered afresh for each memo."""

    def __init__(self, config: Any) -> None:
        self.config = config
        self._anonymiser: Any = None
        import threading

        self._lock = threading.Lock()

    def __call__(self, text: str) -> str:
        """The anonymised memo."""
        from survey.anonymise.engine import build_anonymiser

        with self._lock:
            if self._anonymiser is None:
                self._anonymiser = build_anonymiser(self.config.anonymise,
                                                    spacy_model=self.config.spacy_model)
            self._anonymiser.reset()
            return self._anonymiser.anonymise_batch([text], respondent_ids=["memo"])[0].text


def serve(project: str | Path | None = None, *, out_dir: str | Path | None = None,
          host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, allow_remote: bool = False,
          tls_cert: str | Path | None = None, tls_key: str | Path | None = None,
          behind_proxy: bool = False, trusted_hosts: tuple[str, ...] = (),
          session_hours: float | None = None, max_json_mb: float | None = None,
          max_upload_mb: float | None = None,
          say: Callable[[str], None] = print, run: Callable[..., Any] | None = None) -> None:
    """Serve the workspace until Ctrl-C.

    Args:
        project: Project folder (default: the demo).
        out_dir: Output folder holding ``project.sqlite``.
        host: Address to bind (loopback unless ``allow_remote``).
        port: Port.
        allow_remote: Permit a non-loopback host (with TLS or ``behind_proxy``).
        tls_cert: PEM certificate file: uvicorn serves HTTPS (with ``tls_key``).
        tls_key: PEM private key file.
        behind_proxy: A TLS proxy in front forwards to this plain-HTTP port.
        trusted_hosts: Extra Host header names to answer (the proxy's public name).
        session_hours: How long a login lasts (default 12).
        max_json_mb: Largest JSON or form body (default 1 MiB).
        max_upload_mb: Largest upload (default 10 MiB).
        say: Where the URL and notes go.
        run: The server runner (default ``uvicorn.run``); injected by tests.

    Raises:
        ToolkitError: A refused host, half a TLS pair, a missing certificate file, no store,
            or another ``serve`` on the same output folder.
    """
    if (tls_cert is None) != (tls_key is None):
        raise ToolkitError("give both --tls-cert and --tls-key, or neither")
    tls = tls_cert is not None
    for flag, f in (("--tls-cert", tls_cert), ("--tls-key", tls_key)):
        if f is not None and not Path(f).is_file():
            raise ToolkitError(f"{flag} {f}: no such file")
    remote = check_host(host, allow_remote=allow_remote, tls=tls, behind_proxy=behind_proxy,
                        trusted_hosts=tuple(trusted_hosts))
    settings = settings_for(project, out_dir)
    settings.secure_cookies = remote or tls or behind_proxy  # cookies only over TLS
    settings.allowed_hosts = allowed_hosts(host, tuple(trusted_hosts))
    if session_hours is not None:
        if not session_hours > 0:
            raise ToolkitError(f"--session-hours must be above 0; got {session_hours}")
        settings.session_hours = float(session_hours)
    for name, mb in (("max_json_bytes", max_json_mb), ("max_upload_bytes", max_upload_mb)):
        if mb is not None:
            if not mb > 0:
                raise ToolkitError(f"body limits must be above 0 MiB; got {mb}")
            setattr(settings, name, int(mb * (1 << 20)))
    from survey.runlock import run_lock
    from workspace.app import create_app

    with run_lock(settings.store_path.parent, command="voices serve", name=SERVE_LOCK):
        app = create_app(settings)
        if behind_proxy:
            say(PROXY_NOTE)
        shown = f"[{host}]" if ":" in host else host
        say(f"workspace: {'https' if tls else 'http'}://{shown}:{port}/  (Ctrl-C stops it)")
        if run is None:
            import uvicorn

            run = uvicorn.run
        extra = {"ssl_certfile": str(tls_cert), "ssl_keyfile": str(tls_key)} if tls else {}
        run(app, host=host, port=port, log_level="warning", access_log=False,
            server_header=False, proxy_headers=behind_proxy, **extra)
    say("workspace stopped")
