"""The browser workspace (``voices serve``): coders confirm codes, leads reconcile and edit the
codebook, report writers pick quotes.

A small Starlette app with server-rendered Jinja2 pages over a JSON API. It sits above
``analysis``: every read and write goes through :class:`analysis.store.Store` methods and the
existing coding, agreement and codebook functions; the package holds no SQL. It shows
anonymised text only (the store holds nothing else) and makes no outside request: its one
script and stylesheet are files in ``workspace/static``.

Modules: :mod:`workspace.auth` (passwords, sessions, CSRF, throttling, roles),
:mod:`workspace.service` (queue, decisions, spans, memos, double coding, reconciliation),
:mod:`workspace.editorial` (codebook, quotes, topics, redaction follow-up, progress),
:mod:`workspace.app` (the guard and the route table), :mod:`workspace.routes` (handlers),
:mod:`workspace.server` (``serve``: host checks and uvicorn).
"""

from __future__ import annotations
