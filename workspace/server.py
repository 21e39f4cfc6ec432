"""``voices serve``: open a project's workspace on a local port.

Binding to anything but a loopback address needs ``allow_remote``, prints a warning to put TLS
in front (the app speaks plain HTTP) and marks the cookies ``Secure``, so a browser sends them
only over TLS. The URL is printed; Ctrl-C stops uvicorn cleanly.
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
TLS_WARNING = ("warning: the workspace is reachable from other machines; put TLS in front of it "
               "(a reverse proxy such as Caddy or nginx with a certificate), as it speaks plain "
               "HTTP and logins and survey text would otherwise cross the network unencrypted")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or ``localhost``."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, *, allow_remote: bool) -> bool:
    """Refuse a non-loopback host unless ``allow_remote``; returns whether to warn about TLS.

    Raises:
        ToolkitError: A non-loopback host without ``allow_remote``.
    """
    if is_loopback(host):
        return False
    if not allow_remote:
        raise ToolkitError(f"--host {host} is not a loopback address: the workspace would be "
                           "reachable from other machines; add --allow-remote (and put TLS in "
                           "front), or use --host 127.0.0.1")
    return True


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
          say: Callable[[str], None] = print, run: Callable[..., Any] | None = None) -> None:
    """Serve the workspace until Ctrl-C.

    Args:
        project: Project folder (default: the demo).
        out_dir: Output folder holding ``project.sqlite``.
        host: Address to bind (loopback unless ``allow_remote``).
        port: Port.
        allow_remote: Permit a non-loopback host.
        say: Where the URL and warnings go.
        run: The server runner (default ``uvicorn.run``); injected by tests.

    Raises:
        ToolkitError: A refused host, or no store.
    """
    warn = check_host(host, allow_remote=allow_remote)
    settings = settings_for(project, out_dir)
    settings.secure_cookies = warn  # reachable from elsewhere: cookies only over TLS
    from workspace.app import create_app

    app = create_app(settings)
    if warn:
        say(TLS_WARNING)
    shown = f"[{host}]" if ":" in host else host
    say(f"workspace: http://{shown}:{port}/  (Ctrl-C stops it)")
    if run is None:
        import uvicorn

        run = uvicorn.run
    run(app, host=host, port=port, log_level="warning", access_log=False,
        server_header=False, proxy_headers=False)
    say("workspace stopped")
