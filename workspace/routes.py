"""Route handlers. Each factory takes the :class:`workspace.app.App` and returns an async
handler; the guard in ``app.py`` has already checked the session, CSRF and role, and put the
user on ``request.state``. Handlers parse the request, call one service function in the thread
pool, and answer JSON or a rendered page."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from workspace import auth, editorial
from workspace.service import StaleError, Workspace, WorkspaceError


async def _json(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise WorkspaceError("send a JSON object") from None
    if not isinstance(body, dict):
        raise WorkspaceError("send a JSON object")
    return body


def _key(body: dict[str, Any]) -> str | None:
    """The request key a page sends with a save (one per save, so a double press stores once)."""
    key = body.get("request_key")
    return str(key)[:100] if isinstance(key, (str, int)) and str(key) else None


def _stale_as_409(fn: Any) -> Any:
    """A page built from an older codebook gets 409 with the message and a link to reload."""
    async def handler(request: Request) -> Response:
        try:
            return await fn(request)
        except StaleError as exc:
            return JSONResponse({"error": str(exc), "stale": True,
                                 "reload": request.headers.get("referer") or "/"},
                                status_code=409)
    handler.__doc__ = fn.__doc__
    return handler


def _int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WorkspaceError(f"{name} must be a whole number") from None


def _codes(body: dict[str, Any]) -> list[str]:
    codes = body.get("codes") or []
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise WorkspaceError("codes must be a list of code ids")
    return codes


def _jsonable(v: Any) -> Any:
    import math

    import numpy as np

    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _records(df: Any) -> list[dict[str, Any]]:
    return [{k: _jsonable(v) for k, v in r.items()} for r in df.to_dict("records")]


# -- pages -----------------------------------------------------------------------------------------
def home(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Writers start on the quotes, everyone else on the queue."""
        return RedirectResponse("/quotes" if request.state.role == "writer" else "/queue",
                                status_code=303)
    return handler


def logout(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """End the session: the cookie's, and a notebook's bearer token (revoked at once)."""
        header = request.headers.get("authorization", "")
        bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
        for token in {bearer, request.cookies.get(auth.SESSION_COOKIE, "")} - {""}:
            await run_in_threadpool(lambda t=token: a.ws.store().delete_session(
                auth.token_hash(t)))
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(auth.SESSION_COOKIE)
        return resp
    return handler


def queue_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """One segment of the chosen queue, with codes, suggestions and context."""
        ws, user = a.ws, request.state.user
        queue = Workspace.check_queue(request.query_params.get("q"), request.state.role)
        sid = request.query_params.get("seg")

        def work() -> dict[str, Any]:
            nonlocal sid
            ws.parse_queue(queue)
            if not sid:
                sid = ws.next_segment(user, queue)
            seg = ws.segment(user, sid, queue=queue) if sid else None
            done, total = ws.queue_progress(user, queue)
            facets = ws.store().queue_facets()
            return {"seg": seg, "done": done, "total": total, "facets": facets,
                    "codes": ws.code_keys()}
        ctx = await run_in_threadpool(work)
        return a.render(request, "queue.html", queue=queue, **ctx)
    return handler


def codebook_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Themes, codes, definitions, examples; edit forms for a lead."""
        view = await run_in_threadpool(editorial.codebook_view, a.ws)
        return a.render(request, "codebook.html", cb=view,
                        segment_id=request.query_params.get("seg"))
    return handler


def topics_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Emergent themes with cohort sizes, words, representative answers, mapped codes;
        with ``cohort`` and/or ``question``, topics fitted on that subset (not stored)."""
        q = request.query_params
        cohort, question = q.get("cohort") or None, q.get("question") or None
        topics = await run_in_threadpool(editorial.topics_view, a.ws)
        cb = await run_in_threadpool(editorial.codebook_view, a.ws)
        facets = await run_in_threadpool(lambda: a.ws.store().queue_facets())
        subset = None
        if cohort or question:
            subset = await run_in_threadpool(lambda: editorial.fit_topics_for(
                a.ws, cohort=cohort, question_id=question))
        return a.render(request, "topics.html", topics=topics, themes=cb["themes"],
                        facets=facets, subset=subset,
                        sel={"cohort": cohort or "", "question": question or ""})
    return handler


def topics_fit(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Topics fitted on one cohort and/or question (``cohort``, ``question``); not stored."""
        q = request.query_params
        res = await run_in_threadpool(lambda: editorial.fit_topics_for(
            a.ws, cohort=q.get("cohort") or None, question_id=q.get("question") or None))
        return JSONResponse(res)
    return handler


def quotes_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Candidate quotes by code, cohort and wave, with stars, order, trims and flags."""
        q = request.query_params
        wave = _int(q["wave"], "wave") if q.get("wave") else None
        quotes = await run_in_threadpool(lambda: editorial.quote_candidates(
            a.ws, code_id=q.get("code") or None, cohort=q.get("cohort") or None, wave=wave))
        facets = await run_in_threadpool(lambda: a.ws.store().queue_facets())
        return a.render(request, "quotes.html", quotes=quotes, codes=a.ws.code_keys(),
                        facets=facets, sel={"code": q.get("code") or "",
                                            "cohort": q.get("cohort") or "",
                                            "wave": q.get("wave") or ""})
    return handler


def agreement_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Agreement per code for the pair the lead chooses (``pair=a,b``); open disagreements
        side by side for reconciliation."""
        pair = _pair(request)

        def work() -> dict[str, Any]:
            res = a.ws.agreement(pair)
            dis = a.ws.open_disagreements()
            labels = a.ws.code_labels()
            return {"res": res, "per_code": _labelled(_records(res.per_code), labels),
                    "disagreements": _labelled(_records(dis), labels),
                    "pairs": a.ws.coder_pairs(),
                    "users": _records(a.ws.store().read_users())}
        ctx = await run_in_threadpool(work)
        return a.render(request, "agreement.html", **ctx)
    return handler


def _pair(request: Request) -> tuple[str, str] | None:
    raw = request.query_params.get("pair")
    if not raw:
        return None
    names = tuple(n.strip() for n in raw.split(",") if n.strip())
    if len(names) != 2:
        raise WorkspaceError("pair must be two user names, e.g. pair=AB,CD")
    return names  # type: ignore[return-value]


def _labelled(rows: list[dict[str, Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Rows with the code's label beside its id (people know codes by label)."""
    return [{**r, "label": labels.get(r["code_id"], r["code_id"])} for r in rows]


def _viewer(request: Request) -> str | None:
    """Whose blind samples an aggregate view must respect (a coder's); None for a lead or
    writer, who codes nothing blind."""
    return request.state.user if request.state.role == "coder" else None


def progress_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Reviewed segments per code, coder and queue; what is missing before a final report."""
        prog = await run_in_threadpool(lambda: editorial.progress(a.ws,
                                                                  viewer=_viewer(request)))
        marks = (await run_in_threadpool(editorial.marks_view, a.ws)
                 if request.state.role == "lead" else [])
        return a.render(request, "progress.html", prog=prog, marks=marks)
    return handler


# -- API -------------------------------------------------------------------------------------------
def me(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Who is logged in."""
        return JSONResponse({"username": request.state.user, "role": request.state.role})
    return handler


def codes(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Active codes with their keys."""
        return JSONResponse(await run_in_threadpool(a.ws.code_keys))
    return handler


def queue_next(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """The next undecided segment of a queue (``queue``, ``after``)."""
        q = request.query_params
        queue = Workspace.check_queue(q.get("queue"), request.state.role)

        def work() -> dict[str, Any]:
            sid = a.ws.next_segment(request.state.user, queue, after=q.get("after"))
            seg = a.ws.segment(request.state.user, sid, queue=queue) if sid else None
            return {"segment_id": sid, "segment": seg}
        return JSONResponse(await run_in_threadpool(work))
    return handler


def segment(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """One segment as the queue shows it to this person."""
        sid = request.path_params["segment_id"]
        queue = Workspace.check_queue(request.query_params.get("queue"), request.state.role)
        return JSONResponse(await run_in_threadpool(
            lambda: a.ws.segment(request.state.user, sid, queue=queue)))
    return handler


def submit(a: Any) -> Any:
    @_stale_as_409
    async def handler(request: Request) -> Response:
        """Accept ``codes`` on the segment; every other active code is marked not applying.
        ``shown`` (the codes the page offered) and ``request_key`` (one per save) are
        optional: a stale page gets 409, a save sent twice is stored once."""
        body = await _json(request)
        sid = request.path_params["segment_id"]
        shown = _codes({"codes": body["shown"]}) if body.get("shown") is not None else None
        n = await run_in_threadpool(lambda: a.ws.submit(
            request.state.user, sid, _codes(body), shown=shown, request_key=_key(body)))
        queue = Workspace.check_queue(str(body.get("queue") or "next"), request.state.role)
        nxt = await run_in_threadpool(a.ws.next_segment, request.state.user, queue)
        return JSONResponse({"added": n, "next": nxt})
    return handler


def decision(a: Any) -> Any:
    @_stale_as_409
    async def handler(request: Request) -> Response:
        """One decision: ``{segment_id, code_id, status, request_key}``."""
        b = await _json(request)
        n = await run_in_threadpool(lambda: a.ws.decide(
            request.state.user, str(b.get("segment_id")), str(b.get("code_id")),
            str(b.get("status")), request_key=_key(b)))
        return JSONResponse({"added": n})
    return handler


def span(a: Any) -> Any:
    @_stale_as_409
    async def handler(request: Request) -> Response:
        """Code a selected span: ``{answer_id, start, end, text, codes}``; ``text``, when sent,
        must be the answer's text at those offsets (guards against offset drift)."""
        b = await _json(request)
        start, end = _int(b.get("start"), "start"), _int(b.get("end"), "end")
        expect = b.get("text") if isinstance(b.get("text"), str) else None
        sid = await run_in_threadpool(lambda: a.ws.code_span(
            request.state.user, str(b.get("answer_id")), start, end, _codes(b), expect=expect))
        return JSONResponse({"segment_id": sid})
    return handler


def memo(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """A memo on the segment: ``{text, request_key}``."""
        b = await _json(request)
        mid = await run_in_threadpool(lambda: a.ws.add_memo(
            request.state.user, request.path_params["segment_id"], str(b.get("text") or ""),
            request_key=_key(b)))
        return JSONResponse({"ok": True, "memo_id": mid})
    return handler


def segment_decisions(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Every person's current decisions on a segment (lead)."""
        sid = request.path_params["segment_id"]
        return JSONResponse(_records_list(await run_in_threadpool(a.ws.decisions_for, sid)))
    return handler


def _records_list(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: _jsonable(v) for k, v in r.items()} for r in rows]


def codings(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """The store's codings (``history=1`` for every row), for a notebook."""
        hist = request.query_params.get("history") in ("1", "true", "yes")
        df = await run_in_threadpool(editorial.codings_table, a.ws, history=hist)
        return JSONResponse(_records(df))
    return handler


def agreement(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Agreement per code (percent, kappa with CI, alpha) and disagreements, for one pair
        (``pair=a,b``; default the pair sharing an assignment), with code labels."""
        pair = _pair(request)

        def work() -> dict[str, Any]:
            res = a.ws.agreement(pair)
            out = res.to_dict()
            labels = a.ws.code_labels()
            for code_id, row in out["per_code"].items():
                row["label"] = labels.get(code_id, code_id)
            out["disagreements"] = _labelled(out["disagreements"], labels)
            out["pairs"] = [{"pair": list(p["pair"]), "units": p["units"],
                             "assigned": p["assigned"]} for p in a.ws.coder_pairs()]
            return out
        return JSONResponse(await run_in_threadpool(work))
    return handler


def disagreements(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Disagreements not yet reconciled."""
        return JSONResponse(_records(await run_in_threadpool(a.ws.open_disagreements)))
    return handler


def assign(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Assign a seeded sample to coders: ``{coders, size, blind, seed}``."""
        b = await _json(request)
        coders = b.get("coders") or []
        if isinstance(coders, str):
            coders = [c.strip() for c in coders.split(",") if c.strip()]
        sample = await run_in_threadpool(lambda: a.ws.assign_sample(
            request.state.user, [str(c) for c in coders], size=_int(b.get("size"), "size"),
            blind=bool(b.get("blind", True)), seed=_int(b.get("seed", 13), "seed")))
        return JSONResponse({"assigned": len(sample)})
    return handler


def reconcile(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """The lead's final decision: ``{segment_id, code_id, status}``."""
        b = await _json(request)
        await run_in_threadpool(a.ws.reconcile, request.state.user, str(b.get("segment_id")),
                                str(b.get("code_id")), str(b.get("status")))
        return JSONResponse({"ok": True})
    return handler


def codebook(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """The codebook: themes, codes, changelog."""
        return JSONResponse(await run_in_threadpool(editorial.codebook_view, a.ws))
    return handler


def codebook_export(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Download the codebook as YAML, XLSX or REFI-QDA .qdc."""
        content, media, name = await run_in_threadpool(
            editorial.export_codebook, a.ws, request.path_params["fmt"])
        return Response(content, media_type=media,
                        headers={"content-disposition": f'attachment; filename="{name}"'})
    return handler


def codebook_import(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Replace the codebook with an uploaded .qdc (multipart field ``file``)."""
        form = await request.form()
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise WorkspaceError("upload a .qdc file in the field 'file'")
        content = await upload.read()
        n, skipped = await run_in_threadpool(editorial.import_qdc, a.ws, content)
        return JSONResponse({"codes": n, "skipped": skipped})
    return handler


def codebook_change(a: Any) -> Any:
    @_stale_as_409
    async def handler(request: Request) -> Response:
        """A codebook operation (rename, merge, split, retire, edit, add_example)."""
        b = await _json(request)
        msg = await run_in_threadpool(lambda: editorial.change_codebook(
            a.ws, request.path_params["op"], b, user=request.state.user))
        return JSONResponse({"ok": True, "message": msg})
    return handler


def topics(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Emergent themes."""
        return JSONResponse(_records_list(await run_in_threadpool(editorial.topics_view, a.ws)))
    return handler


def promote(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Promote a topic to a draft code: ``{code_id, label, theme_id}``."""
        b = await _json(request)
        tid = _int(request.path_params["topic_id"], "topic_id")
        cid = await run_in_threadpool(lambda: editorial.promote_topic(
            a.ws, tid, code_id=str(b.get("code_id") or ""), label=str(b.get("label") or ""),
            theme_id=str(b.get("theme_id") or "")))
        return JSONResponse({"code_id": cid})
    return handler


def quotes(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Candidate quotes (``code``, ``cohort``, ``wave`` filters)."""
        q = request.query_params
        wave = _int(q["wave"], "wave") if q.get("wave") else None
        rows = await run_in_threadpool(lambda: editorial.quote_candidates(
            a.ws, code_id=q.get("code") or None, cohort=q.get("cohort") or None, wave=wave))
        return JSONResponse(rows)
    return handler


def quote_picks(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Current quote picks (stars, order, trims, never-quote) for a notebook."""
        df = await run_in_threadpool(lambda: a.ws.store().read_quote_picks())
        return JSONResponse(_records(df.astype(object).where(df.notna(), None)))
    return handler


def pick(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Star a quote: ``{answer_id, code_id, starred, rank, trim: [start, end],
        never_quote}``."""
        b = await _json(request)
        rank = _int(b["rank"], "rank") if b.get("rank") not in (None, "") else None
        trim = b.get("trim")
        if trim is not None and (not isinstance(trim, list) or len(trim) != 2):
            raise WorkspaceError("trim must be [start, end]")
        await run_in_threadpool(lambda: editorial.pick_quote(
            a.ws, request.state.user, str(b.get("answer_id")),
            code_id=(str(b["code_id"]) if b.get("code_id") else None),
            starred=bool(b.get("starred")), rank=rank,
            trim=None if trim is None else [_int(t, "trim") for t in trim],
            never_quote=bool(b.get("never_quote"))))
        return JSONResponse({"ok": True})
    return handler


def marks(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Redaction follow-up marks (lead)."""
        return JSONResponse(_records_list(await run_in_threadpool(editorial.marks_view, a.ws)))
    return handler


def mark(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Mark identifying words ``{answer_id, kind: "words", start, end}`` or an answer
        never to quote ``{answer_id, kind: "never_quote"}``."""
        b = await _json(request)
        kind = str(b.get("kind") or "")
        start = _int(b["start"], "start") if b.get("start") is not None else None
        end = _int(b["end"], "end") if b.get("end") is not None else None
        await run_in_threadpool(lambda: editorial.mark_answer(
            a.ws, request.state.user, str(b.get("answer_id")), kind=kind, start=start, end=end))
        return JSONResponse({"ok": True})
    return handler


def progress(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """The progress dashboard's figures."""
        return JSONResponse(await run_in_threadpool(lambda: editorial.progress(
            a.ws, viewer=_viewer(request))))
    return handler


def flags_clear(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """A lead clears flagged answers after checking them: ``{answer_ids: [...]}``."""
        b = await _json(request)
        ids = b.get("answer_ids") or []
        if not isinstance(ids, list):
            raise WorkspaceError("answer_ids must be a list")
        n = await run_in_threadpool(lambda: editorial.clear_flags(
            a.ws, request.state.user, [str(i) for i in ids]))
        return JSONResponse({"cleared": n})
    return handler


def marks_send(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Send the open marks' words to the private review workbook's deny list (lead)."""
        n = await run_in_threadpool(editorial.send_marks_to_review, a.ws, request.state.user)
        return JSONResponse({"ok": True, "message": f"{n} term(s) added to the review "
                             "workbook's deny list; the next `voices anonymise --review` "
                             "run redacts them"})
    return handler


# -- search, skip, memos, reconciliation, validation sample ----------------------------------------
def _search_args(q: Any) -> dict[str, Any]:
    return {"code_id": q.get("code") or None, "cohort": q.get("cohort") or None,
            "question_id": q.get("question") or None,
            "wave": _int(q["wave"], "wave") if q.get("wave") else None,
            "review": q.get("review") or ""}


def search_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Full-text search of the anonymised answers with filters; results coded in place."""
        q = request.query_params
        text, args = q.get("text") or "", _search_args(q)
        searched = bool(text or any(v not in (None, "") for v in args.values()))

        def work() -> dict[str, Any]:
            rows = (editorial.search(a.ws, request.state.user, request.state.role, text, **args)
                    if searched else [])
            return {"rows": rows, "facets": a.ws.store().queue_facets(),
                    "codes": a.ws.code_keys()}
        ctx = await run_in_threadpool(work)
        return a.render(request, "search.html", searched=searched, limit=editorial.SEARCH_LIMIT,
                        sel={"text": text, **{k: q.get(k) or "" for k in
                                              ("code", "cohort", "question", "wave", "review")}},
                        **ctx)
    return handler


def search_api(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Search results as JSON (``text``, ``code``, ``cohort``, ``question``, ``wave``,
        ``review``)."""
        q = request.query_params
        rows = await run_in_threadpool(lambda: editorial.search(
            a.ws, request.state.user, request.state.role, q.get("text") or "",
            **_search_args(q)))
        return JSONResponse(rows)
    return handler


def skip(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Skip the segment: it goes to the end of this person's queue (``{queue}``)."""
        b = await _json(request)
        queue = str(b.get("queue") or "next")
        nxt = await run_in_threadpool(a.ws.skip, request.state.user, queue,
                                      request.path_params["segment_id"])
        return JSONResponse({"next": nxt})
    return handler


def memo_edit(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Change one's own memo: ``{text}``."""
        b = await _json(request)
        mid = _int(request.path_params["memo_id"], "memo_id")
        await run_in_threadpool(a.ws.edit_memo, request.state.user, mid, str(b.get("text") or ""))
        return JSONResponse({"ok": True})
    return handler


def memo_delete(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Delete one's own memo."""
        mid = _int(request.path_params["memo_id"], "memo_id")
        await run_in_threadpool(a.ws.delete_memo, request.state.user, mid)
        return JSONResponse({"ok": True})
    return handler


def reconcile_page(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Open disagreements one segment at a time (``seg``), with everything to decide them."""
        view = await run_in_threadpool(editorial.reconcile_view, a.ws,
                                       request.query_params.get("seg"))
        return a.render(request, "reconcile.html", **view)
    return handler


def validation_draw(a: Any) -> Any:
    async def handler(request: Request) -> Response:
        """Draw the validation sample: ``{size, seed, per_code}`` (lead)."""
        b = await _json(request)
        res = await run_in_threadpool(lambda: editorial.draw_validation(
            a.ws, size=_int(b.get("size"), "size"), seed=_int(b.get("seed", 13), "seed"),
            per_code=_int(b.get("per_code") or 0, "per_code")))
        return JSONResponse({**res, "message": f"Drew {res['segments']} segment(s) "
                             f"from {res['respondents']} respondent(s) with seed {res['seed']}."})
    return handler


def interface_routes(a: Any, guard: Any) -> list[Any]:
    """The routes of search, skipping, memo edits, reconciliation by segment and the
    validation draw (``guard`` is :meth:`workspace.app.App.guard`)."""
    from starlette.routing import Route

    return [
        Route("/search", guard("read", page=True)(search_page(a))),
        Route("/reconcile", guard("lead", page=True)(reconcile_page(a))),
        Route("/api/search", guard("read")(search_api(a))),
        Route("/api/segments/{segment_id}/skip", guard("code")(skip(a)), methods=["POST"]),
        Route("/api/memos/{memo_id}", guard("code")(memo_edit(a)), methods=["POST"]),
        Route("/api/memos/{memo_id}/delete", guard("code")(memo_delete(a)), methods=["POST"]),
        Route("/api/validation/draw", guard("lead")(validation_draw(a)), methods=["POST"]),
    ]
