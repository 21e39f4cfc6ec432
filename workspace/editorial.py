"""Lead and writer work in the workspace: codebook edits and exports, quotes, emergent themes,
redaction follow-up and the progress dashboard. Each function takes the
:class:`~workspace.service.Workspace` and calls the store and the codebook/analysis functions.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from workspace.service import RECONCILED, StaleError, Workspace, WorkspaceError, now_iso

CODE_FIELDS = ("label", "definition", "include", "exclude")
SEARCH_LIMIT = 50


# -- codebook --------------------------------------------------------------------------------------
def codebook_view(ws: Workspace) -> dict[str, Any]:
    """Themes with their codes (all statuses), the changelog and what needs recoding."""
    from codebook.versioning import needs_recoding

    cb = ws.codebook()
    if cb is None:
        return {"name": "", "version": 0, "themes": [], "changes": [], "needs_recoding": []}
    themes = []
    for t in cb.themes:
        codes = [c for c in cb.codes if c.theme_id == t.id]
        themes.append({"id": t.id, "label": t.label, "codes": [
            {"id": c.id, "label": c.label, "definition": c.definition, "include": c.include,
             "exclude": c.exclude, "examples": list(c.examples), "status": c.status,
             "merged_into": c.merged_into, "key": c.key} for c in codes]})
    return {"name": cb.name, "version": cb.version, "themes": themes,
            "changes": [{"version": ch.version, "action": ch.action,
                         "from": list(ch.codes_from), "to": list(ch.codes_to), "note": ch.note}
                        for ch in cb.changes],
            "needs_recoding": needs_recoding(cb)}


def _bumped(cb: Any, codes: tuple[Any, ...], action: str, codes_from: tuple[str, ...],
            note: str) -> Any:
    """The codebook with ``codes``, its version raised by one and the change in its log."""
    from codebook.errors import CodebookError
    from codebook.model import Change

    new = type(cb)(cb.name, cb.themes, codes, cb.version + 1,
                   (*cb.changes, Change(cb.version + 1, action, codes_from, (), note)))
    problems = new.validate()
    if problems:
        raise CodebookError(f"the {action} would leave an invalid codebook", problems=problems)
    return new


def _lines(value: Any) -> tuple[str, ...]:
    """Examples sent as a list or as text with one example per line."""
    items = value if isinstance(value, list) else str(value or "").splitlines()
    return tuple(str(x).strip()[:1000] for x in items if str(x).strip())


def change_codebook(ws: Workspace, op: str, data: dict[str, Any], *, user: str = "") -> str:
    """One codebook operation by a lead, saved to the project's codebook file.

    Operations: ``add`` (``label``, ``theme_id``, ``definition``, optional ``code_id``,
    ``include``, ``exclude``, ``examples``: a list, or text with one per line), ``rename``
    (``code_id``, ``new_id``, optional ``label``), ``merge`` (``sources`` list, ``into``),
    ``split`` (``code_id``, ``parts``: list of ``{id, label}``), ``retire`` (``code_id``),
    ``edit`` (``code_id`` and any of label, definition, include, exclude, examples),
    ``add_example`` (``code_id`` and ``segment_id``: that segment's anonymised text). Every
    operation raises the codebook's version and adds a changelog entry, with the user and the
    time in its note; renames, merges, splits and retirements go through
    :mod:`codebook.versioning`, so codings follow them. A new code takes the next free key.

    ``version``, when sent, is the codebook version the lead's page showed: if the codebook
    has changed since, nothing is saved (:class:`~workspace.service.StaleError`).

    Returns:
        A one-line summary.

    Raises:
        WorkspaceError: Unknown operation or missing field; StaleError: a page built from an
            older version; CodebookError: an invalid change.
    """
    from codebook.model import Code, derive_code_id
    from codebook.versioning import merge_codes, rename_code, retire_code, split_code

    cb = ws.codebook()
    if cb is None:
        raise WorkspaceError("this project has no codebook")
    sent = data.get("version")
    if sent not in (None, "") and str(sent).strip() != str(cb.version):
        raise StaleError(f"the codebook has changed since this page was loaded (the page shows "
                         f"version {str(sent)[:12]}, it is now version {cb.version}); reload "
                         "the page and make the change again. Nothing was saved.")
    note = str(data.get("note") or "")[:200]
    if user:  # the changelog records who made the change and when
        note = f"{note} ({user}, {now_iso()})".strip()

    def need(key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise WorkspaceError(f"{op} needs {key}")
        return value.strip()

    if op == "rename":
        label = data.get("label") or None
        new = rename_code(cb, need("code_id"), need("new_id"), label=label, note=note)
        msg = f"renamed {data['code_id']} to {data['new_id']}"
    elif op == "merge":
        sources = [s for s in data.get("sources") or [] if isinstance(s, str) and s]
        if not sources:
            raise WorkspaceError("merge needs sources")
        new = merge_codes(cb, sources, need("into"), note=note)
        msg = f"merged {', '.join(sources)} into {data['into']}"
    elif op == "split":
        old = cb.get(need("code_id"))
        parts = [Code(id=str(p["id"]), label=str(p.get("label") or p["id"]),
                      theme_id=old.theme_id) for p in data.get("parts") or []
                 if isinstance(p, dict) and p.get("id")]
        new = split_code(cb, old.id, parts, note=note)
        msg = f"split {old.id} into {', '.join(p.id for p in parts)}"
    elif op == "retire":
        new = retire_code(cb, need("code_id"), note=note)
        msg = f"retired {data['code_id']}"
    elif op == "add":
        label, theme_id = need("label"), need("theme_id")
        cb.theme(theme_id)
        code = Code(id=str(data.get("code_id") or "").strip() or derive_code_id(theme_id, label),
                    label=label, theme_id=theme_id, definition=need("definition"),
                    include=str(data.get("include") or ""), exclude=str(data.get("exclude") or ""),
                    examples=_lines(data.get("examples")))
        if any(c.id == code.id for c in cb.codes):
            raise WorkspaceError(f"code id {code.id!r} is already used")
        new = _bumped(cb, (*cb.codes, code), "add", (code.id,), note)
        msg = f"added {code.id}"
    elif op in ("edit", "add_example"):
        code = cb.get(need("code_id"))
        if op == "edit":
            changes: dict[str, Any] = {k: str(data[k]) for k in CODE_FIELDS
                                       if isinstance(data.get(k), str)}
            if "examples" in data:
                changes["examples"] = _lines(data["examples"])
            changes = {k: v for k, v in changes.items() if getattr(code, k) != v}
            if not changes:
                return f"{code.id}: nothing changed"
            msg = f"edited {code.id} ({', '.join(changes)})"
        else:
            view = ws.store().segment_view(need("segment_id"))
            if view is None:
                raise WorkspaceError("unknown segment")
            changes = {"examples": (*code.examples, view["text"])}
            msg = f"added an example to {code.id}"
        codes = tuple(replace(c, **changes) if c.id == code.id else c for c in cb.codes)
        new = _bumped(cb, codes, "edit", (code.id,),
                      f"{', '.join(changes)}; {note}" if note else ", ".join(changes))
    else:
        raise WorkspaceError("unknown codebook operation; known: add, rename, merge, split, "
                             "retire, edit, add_example")
    ws.save_codebook(new)
    return msg


def export_codebook(ws: Workspace, fmt: str) -> tuple[bytes, str, str]:
    """The codebook as ``yaml``, ``xlsx`` or ``qdc``: ``(content, media type, file name)``.

    Raises:
        WorkspaceError: Unknown format or no codebook.
    """
    from codebook.io import write_codebook
    from codebook.refiqda import codebook_to_qdc

    cb = ws.codebook()
    if cb is None:
        raise WorkspaceError("this project has no codebook")
    if fmt == "qdc":
        return codebook_to_qdc(cb), "application/xml", "codebook.qdc"
    types = {"yaml": "application/x-yaml",
             "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    if fmt not in types:
        raise WorkspaceError("format must be yaml, xlsx or qdc")
    with tempfile.TemporaryDirectory() as tmp:
        path = write_codebook(cb, Path(tmp) / f"codebook.{fmt}")
        return path.read_bytes(), types[fmt], f"codebook.{fmt}"


def import_qdc(ws: Workspace, content: bytes) -> tuple[int, list[str]]:
    """Replace the project codebook with an imported ``.qdc`` (REFI-QDA) codebook.

    Returns:
        ``(codes imported, what was skipped)``.

    Raises:
        CodebookError: Not a REFI-QDA codebook, or invalid once imported.
    """
    from codebook.refiqda import read_qdc

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "import.qdc"
        path.write_bytes(content)
        cb, skipped = read_qdc(path)
    old = ws.codebook()
    if old is not None and cb.codes:
        from codebook.model import Change

        keys = {c.id: c.key for c in old.codes if c.key}  # a code kept by id keeps its key
        codes = tuple(replace(c, key=keys.get(c.id, c.key)) for c in cb.codes)
        cb = type(cb)(cb.name, cb.themes, codes, old.version + 1,
                      (*old.changes, Change(old.version + 1, "import",
                                            tuple(c.id for c in codes), (), "REFI-QDA import")))
    ws.save_codebook(cb)
    return len(cb.codes), skipped


# -- quotes ----------------------------------------------------------------------------------------
def quote_candidates(ws: Workspace, *, code_id: str | None = None, cohort: str | None = None,
                     wave: int | None = None, limit: int = 60) -> list[dict[str, Any]]:
    """Answers holding a counted coding (accepted, or unreviewed suggestions before anyone
    reviewed), with the writer's current pick, flags and never-quote marks."""
    from analysis.report.data import effective_codings

    st = ws.store()
    cmap = ws.code_map()
    codings = st.read_codings()
    codings["code_id"] = [cmap.get(c, c) for c in codings["code_id"]]
    pairs, machine = effective_codings(codings)
    if code_id:
        pairs = pairs[pairs["code_id"] == code_id]
    segs = st.read_segments()[["segment_id", "answer_id"]]
    answers = st.read_answers()[["answer_id", "response_id", "question_id", "text"]]
    resp = st.read_responses()[["response_id", "cohort", "wave"]]
    df = (pairs.merge(segs, on="segment_id").merge(answers, on="answer_id")
          .merge(resp, on="response_id"))
    if cohort:
        df = df[df["cohort"] == cohort]
    if wave is not None:
        df = df[df["wave"] == int(wave)]
    df = df.drop_duplicates(["answer_id", "code_id"]).head(limit)
    flagged = st.read_flagged_answers() if hasattr(st, "read_flagged_answers") else set()
    marks = st.read_redaction_marks()
    never = set(marks.loc[marks["kind"] == "never_quote", "answer_id"])
    picks = st.read_quote_picks() if hasattr(st, "read_quote_picks") else pd.DataFrame()
    pick = {} if picks.empty else {(r["answer_id"], r["code_id"]): r
                                   for r in picks.to_dict("records")}
    never |= {a for (a, _), r in pick.items() if r["never_quote"]}
    labels = {c["id"]: c["label"] for c in ws.code_keys()}
    out = []
    for r in df.to_dict("records"):
        p = pick.get((r["answer_id"], r["code_id"]))
        out.append({"answer_id": r["answer_id"], "code_id": r["code_id"],
                    "code_label": labels.get(r["code_id"], r["code_id"]),
                    "cohort": r["cohort"], "wave": int(r["wave"]), "text": r["text"],
                    "question_id": r["question_id"], "machine": machine,
                    "flagged": r["answer_id"] in flagged, "never_quote": r["answer_id"] in never,
                    "starred": bool(p and p["starred"]),
                    "rank": None if not p or pd.isna(p["rank"]) else int(p["rank"]),
                    "trim": None if not p or pd.isna(p["trim_start"]) else
                    [int(p["trim_start"]), int(p["trim_end"])]})
    return out


def pick_quote(ws: Workspace, user: str, answer_id: str, *, code_id: str | None,
               starred: bool, rank: int | None = None, trim: list[int] | None = None,
               never_quote: bool = False) -> None:
    """Star (or unstar) a quote for the report, set its order and trim, or mark the answer
    never to be quoted (recorded with the user and the time).

    Raises:
        WorkspaceError: The store has no quote picks yet, or a flagged answer is starred.
    """
    st = ws.store()
    if not hasattr(st, "set_quote_pick"):
        raise WorkspaceError("this toolkit's store cannot record quote picks")
    flagged = st.read_flagged_answers() if hasattr(st, "read_flagged_answers") else set()
    if starred and answer_id in flagged:
        raise WorkspaceError("this answer is flagged as possibly identifying; it is never quoted")
    ts, te = (None, None) if not trim else (int(trim[0]), int(trim[1]))
    st.set_quote_pick(answer_id, code_id=code_id, user=user, starred=starred, rank=rank,
                      trim_start=ts, trim_end=te, never_quote=never_quote)


def clear_flags(ws: Workspace, user: str, answer_ids: list[str]) -> int:
    """A lead checked flagged answers (possible identifiers found at ingest) and found none:
    recorded with the user and the time; the answers can be quoted again.

    Raises:
        WorkspaceError: No ids, or the store cannot clear flags; ValueError: an id that is not
            a flagged answer.
    """
    st = ws.store()
    if not hasattr(st, "clear_flagged_answers"):
        raise WorkspaceError("this toolkit's store cannot clear flags")
    if not answer_ids:
        raise WorkspaceError("give the answer ids to clear")
    return int(st.clear_flagged_answers(answer_ids, user=user))


# -- emergent themes -------------------------------------------------------------------------------
def topics_view(ws: Workspace, *, per_topic: int = 3) -> list[dict[str, Any]]:
    """Topics with size per cohort, top words, representative answers and mapped code."""
    st = ws.store()
    topics, assign = st.read_topics()
    if topics.empty:
        return []
    answers = st.read_answers()[["answer_id", "response_id", "text"]]
    resp = st.read_responses()[["response_id", "cohort"]]
    a = assign.rename(columns={"id": "answer_id"}).merge(answers, on="answer_id").merge(
        resp, on="response_id")
    out = []
    for t in topics.to_dict("records"):
        mine = a[a["topic_id"] == t["topic_id"]]
        out.append({"topic_id": int(t["topic_id"]), "label": t["label"], "size": int(t["size"]),
                    "top_words": list(t["top_words"])[:10],
                    "by_cohort": {str(k): int(v) for k, v in
                                  mine["cohort"].value_counts().sort_index().items()},
                    "representatives": mine["text"].head(per_topic).tolist(),
                    "best_code_id": t["best_code_id"],
                    "candidate_new_code": bool(t["candidate_new_code"])})
    return out


def fit_topics_for(ws: Workspace, *, cohort: str | None = None,
                   question_id: str | None = None, per_topic: int = 3) -> dict[str, Any]:
    """Fit topics on one cohort's answers, one question's, or both (``analysis.topics.
    fit_subset``), mapped to the codebook. Shown, not stored: the project's topics stay.

    Raises:
        WorkspaceError: Neither a cohort nor a question given.
    """
    from analysis.embed import CachedEmbedder, make_embedder
    from analysis.segment import codable
    from analysis.topics import fit_subset, map_topics_to_codes

    if not cohort and not question_id:
        raise WorkspaceError("choose a cohort, a question, or both")
    st, cfg = ws.store(), ws.settings
    embedder = CachedEmbedder(make_embedder(fast=cfg.fast_embeddings,
                                            model_dir=cfg.embedding_model, seed=cfg.seed,
                                            precision=cfg.embedding_precision), st)
    answers = codable(st.read_answers())
    result = fit_subset(answers, st.read_responses(), embedder=embedder, cohort=cohort or None,
                        question_id=question_id or None, seed=cfg.seed)
    cb = ws.codebook()
    if cb is not None and len(result.topics):
        result = map_topics_to_codes(result, cb, embedder=embedder)
    texts = dict(zip(answers["answer_id"], answers["text"], strict=True))
    topics = []
    for t in result.topics.to_dict("records"):
        ids = result.assignments.loc[result.assignments["topic_id"] == t["topic_id"], "id"]
        topics.append({"topic_id": int(t["topic_id"]), "label": t["label"],
                       "size": int(t["size"]), "top_words": list(t["top_words"])[:10],
                       "representatives": [texts[i] for i in ids.head(per_topic) if i in texts],
                       "best_code_id": t.get("best_code_id"),
                       "candidate_new_code": bool(t.get("candidate_new_code", False))})
    return {"cohort": cohort, "question_id": question_id, "method": result.method,
            "warnings": list(result.warnings), "topics": topics}


def promote_topic(ws: Workspace, topic_id: int, *, code_id: str, label: str,
                  theme_id: str) -> str:
    """Add a new code from a topic, pre-filled with its top words and representative answers
    as examples (a draft for the lead to define).

    Raises:
        WorkspaceError: Unknown topic or theme; CodebookError: a taken id.
    """
    from codebook.model import Code

    cb = ws.codebook()
    if cb is None:
        raise WorkspaceError("this project has no codebook")
    topic = next((t for t in topics_view(ws) if t["topic_id"] == int(topic_id)), None)
    if topic is None:
        raise WorkspaceError("unknown topic")
    if theme_id not in {t.id for t in cb.themes}:
        raise WorkspaceError("unknown theme")
    code = Code(id=code_id, label=label or code_id, theme_id=theme_id,
                definition="Draft from an emergent theme; define before use.",
                examples=tuple(x[:300] for x in topic["representatives"]),
                keywords=tuple(topic["top_words"][:8]))
    ws.save_codebook(_bumped(cb, (*cb.codes, code), "add", (code.id,),
                             f"promoted from emergent theme {int(topic_id)}"))
    return code_id


# -- redaction follow-up ---------------------------------------------------------------------------
def mark_answer(ws: Workspace, user: str, answer_id: str, *, kind: str,
                start: int | None = None, end: int | None = None) -> None:
    """Mark words that still identify someone (``words`` with offsets), or an answer that must
    never be quoted (``never_quote``). Either way the answer is also recorded as never to be
    quoted under any code (a quote pick, which the report honours), so it is withheld at once;
    the marked words are listed for a lead, who sends them to the private review workbook's
    deny list (:func:`send_marks_to_review`) so the next run redacts them (the store keeps
    offsets, not the words)."""
    st = ws.store()
    st.add_redaction_mark(answer_id, kind=kind, username=user, start=start, end=end)
    if hasattr(st, "set_quote_pick"):
        st.set_quote_pick(answer_id, code_id=None, user=user, starred=False, never_quote=True)


def send_marks_to_review(ws: Workspace, user: str, *, label: str = "OTHER_NAME") -> int:
    """Add the words of every open "words" mark to the deny list of the project's private
    review workbook (sheet ``lists``), so the next ``voices anonymise --review`` run (or any
    run with ``anonymise.review_dir`` set) redacts them wherever they occur, as a reviewer's
    deny decisions are. The marks are recorded as sent, with the lead and the time.

    Returns:
        How many new terms the workbook got.

    Raises:
        WorkspaceError: No review folder or workbook yet (run ``voices anonymise --review``
            once), or nothing to send.
    """
    from openpyxl import load_workbook

    from survey.atomic import atomic_path, private_tempdir

    folder = ws.settings.review_dir
    book = None if folder is None else Path(folder) / "review.xlsx"
    if book is None or not book.is_file():
        raise WorkspaceError("no private review workbook yet: run `voices anonymise --review` "
                             "once, then send the marks")
    st = ws.store()
    marks = st.read_redaction_marks()
    open_marks = marks[(marks["kind"] == "words") & marks["sent_by"].isna()
                       & marks["words"].notna()]
    if open_marks.empty:
        raise WorkspaceError("no open marks of words to send")
    wb = load_workbook(book)
    if "lists" not in wb.sheetnames:
        raise WorkspaceError("the review workbook has no 'lists' sheet; rerun "
                             "`voices anonymise --review`")
    sheet = wb["lists"]
    header = [str(c.value or "").strip() for c in sheet[1]]
    if not {"list", "term"} <= set(header):
        raise WorkspaceError("the review workbook's 'lists' sheet needs columns list and term")
    col = {h: i for i, h in enumerate(header)}
    have = {(str(r[col["list"]] or ""), str(r[col["term"]] or "").strip())
            for r in sheet.iter_rows(min_row=2, values_only=True)}
    added = 0
    for term in dict.fromkeys(w.strip() for w in open_marks["words"] if w and w.strip()):
        if ("deny", term) in have:
            continue
        row = [None] * len(header)
        row[col["list"]], row[col["term"]] = "deny", term
        if "label" in col:
            row[col["label"]] = label
        sheet.append(row)
        added += 1
    with private_tempdir(book.parent), atomic_path(book, mode=0o600) as tmp:
        wb.save(tmp)
    st.record_marks_sent(open_marks["mark_id"].tolist(), user=user)
    return added


def marks_view(ws: Workspace) -> list[dict[str, Any]]:
    """The marks for a lead to act on (the marked words are already in the anonymised text)."""
    df = ws.store().read_redaction_marks()
    return [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
            for r in df.to_dict("records")]


# -- progress --------------------------------------------------------------------------------------
def progress(ws: Workspace, *, viewer: str | None = None) -> dict[str, Any]:
    """Segments reviewed per code, per coder and per queue; validation-sample status; what is
    still missing before the report can be final. For a ``viewer`` (a coder), others'
    decisions on that coder's blind segments are left out, and so are disagreements."""
    st = ws.store()
    cmap = ws.code_map()
    cod = st.read_codings()
    human = cod[cod["source"] == "human"].copy()
    if viewer is not None:
        hidden = ws.blind_segments(viewer)
        human = human[~human["segment_id"].isin(hidden) | (human["coder"] == viewer)]
    human["code_id"] = [cmap.get(c, c) for c in human["code_id"]]
    segs = st.read_segments()
    total = len(segs)
    reviewed = set(human["segment_id"])
    per_code = (human[human["status"] == "accepted"].groupby("code_id")["segment_id"]
                .nunique().sort_values(ascending=False))
    per_coder = human.groupby("coder")["segment_id"].nunique().sort_index()
    validation = None
    if hasattr(st, "read_validation_sample"):
        sample = set(st.read_validation_sample()["segment_id"].astype(str))
        validation = {"size": len(sample), "reviewed": len(sample & reviewed)}
    assigned = st.read_assignments()
    assign = {"rows": len(assigned), "done": sum(
        1 for s, u in zip(assigned["segment_id"], assigned["username"], strict=True)
        if ((human["segment_id"] == s) & (human["coder"] == u)).any())}
    open_dis = len(ws.open_disagreements()) if len(human) and viewer is None else 0
    flagged = st.read_flagged_answers() if hasattr(st, "read_flagged_answers") else set()
    cb = ws.codebook()
    from codebook.versioning import needs_recoding

    recode = needs_recoding(cb) if cb is not None else []
    missing = []
    if total - len(reviewed & set(segs["segment_id"])):
        missing.append(f"{total - len(reviewed & set(segs['segment_id']))} of {total} segments "
                       "have no person's decision (the report counts reviewed codes only)")
    if validation and validation["reviewed"] < validation["size"]:
        missing.append(f"validation sample: {validation['size'] - validation['reviewed']} of "
                       f"{validation['size']} segments not reviewed")
    if open_dis:
        missing.append(f"{open_dis} disagreement(s) not reconciled")
    if flagged:
        missing.append(f"{len(flagged)} answer(s) flagged as possibly identifying, not cleared")
    if recode:
        missing.append(f"{len(recode)} retired or split code(s) whose codings need recoding")
    marks = st.read_redaction_marks()
    open_marks = int(((marks["kind"] == "words") & marks["sent_by"].isna()).sum())
    if open_marks:
        missing.append(f"{open_marks} mark(s) of identifying words not yet sent to the review "
                       "workbook")
    return {"segments": total, "reviewed": len(reviewed),
            "per_code": [{"code_id": k, "segments": int(v)} for k, v in per_code.items()],
            "per_coder": [{"coder": k, "segments": int(v)} for k, v in per_coder.items()],
            "validation": validation, "assignments": assign,
            "reconciled": int((human["evidence"] == RECONCILED).sum()),
            "missing": missing}


def codings_table(ws: Workspace, *, history: bool = False) -> pd.DataFrame:
    """The store's codings for the API (current by default; ``history`` for every row)."""
    return ws.store().read_codings(current_only=not history)


def to_csv(df: pd.DataFrame) -> bytes:
    """A frame as CSV bytes (for downloads)."""
    buf = io.StringIO()
    df.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


# -- search ----------------------------------------------------------------------------------------
REVIEW_FILTERS = ("", "todo", "done", "nobody")


def search(ws: Workspace, user: str, role: str, query: str = "", *, code_id: str | None = None,
           cohort: str | None = None, question_id: str | None = None, wave: int | None = None,
           review: str = "", limit: int = SEARCH_LIMIT) -> list[dict[str, Any]]:
    """Full-text search over the anonymised answers (the store's FTS5 index), segment by
    segment, with this person's own decisions on each, so results can be coded in place.

    ``code_id`` keeps segments with a current coding of that code (its old ids included): a
    lead's filter counts anyone's coding or suggestion, anyone else's only their own accepted
    decisions, so a filter never tells a coder what another coder or a hidden suggestion said.
    ``review``: ``todo`` / ``done`` (segments this person has not / has decided) or, for a lead,
    ``nobody`` (no person has decided it yet).

    Raises:
        WorkspaceError: An unknown review filter or code; StoreError: an unreadable query.
    """
    if review not in REVIEW_FILTERS or (review == "nobody" and role != "lead"):
        raise WorkspaceError("review must be one of: todo, done"
                             + (", nobody" if role == "lead" else ""))
    code_ids = None
    if code_id:
        cmap = ws.code_map()
        if code_id not in {c["id"] for c in ws.code_keys()}:
            raise WorkspaceError("unknown code")
        code_ids = sorted({old for old, cur in cmap.items() if cur == code_id} | {code_id})
    rows = ws.store().search_segments(
        query, question_id=question_id, cohort=cohort, wave=wave, code_ids=code_ids,
        code_coder=None if role == "lead" else user, decided_by=user,
        decided={"todo": False, "done": True}.get(review), nobody_decided=review == "nobody",
        limit=limit)
    cmap = ws.code_map()
    out = []
    for r in rows:
        mine = {cmap.get(c["code_id"], c["code_id"]): c["status"]
                for c in ws.store().segment_codings(r["segment_id"])
                if c["coder"] == user and c["source"] == "human"}
        out.append({**r, "wave": None if r["wave"] is None else int(r["wave"]),
                    "accepted": sorted(c for c, s in mine.items() if s == "accepted"),
                    "decided": bool(mine)})
    return out


# -- reconciliation, segment by segment ------------------------------------------------------------
def reconcile_view(ws: Workspace, segment_id: str | None = None) -> dict[str, Any]:
    """One segment with open disagreements, for a lead: the question, the whole answer, each
    disputed code with its definition and include/exclude and who applied it, and every
    coder's accepted codes. ``segment_id`` picks the segment (else the first); the result also
    gives the next segment and how many remain."""
    dis = ws.open_disagreements()
    order = list(dict.fromkeys(dis["segment_id"])) if len(dis) else []
    if not order:
        return {"segment": None, "remaining": 0, "next": None, "position": 0}
    sid = segment_id if segment_id in order else order[0]
    pos = order.index(sid)
    view = ws.store().segment_view(sid)
    codes = {c["id"]: c for c in ws.code_keys()}
    cb = ws.codebook()
    labels = {} if cb is None else {c.id: c.label for c in cb.codes}
    disputes = []
    for r in dis[dis["segment_id"] == sid].to_dict("records"):
        c = codes.get(r["code_id"], {})
        disputes.append({"code_id": r["code_id"], "label": labels.get(r["code_id"], r["code_id"]),
                         "definition": c.get("definition", ""), "include": c.get("include", ""),
                         "exclude": c.get("exclude", ""), "applied_by": r["applied_by"],
                         "not_applied_by": r["not_applied_by"]})
    by_coder: dict[str, list[str]] = {}
    for d in ws.decisions_for(sid):
        if d["evidence"] == RECONCILED:
            continue
        by_coder.setdefault(d["coder"], [])
        if d["status"] == "accepted":
            by_coder[d["coder"]].append(labels.get(d["code_id"], d["code_id"]))
    return {"segment": {**view, "wave": None if view["wave"] is None else int(view["wave"])},
            "disputes": disputes,
            "coders": [{"coder": k, "codes": sorted(v)} for k, v in sorted(by_coder.items())],
            "remaining": len(order), "position": pos + 1,
            "next": order[(pos + 1) % len(order)] if len(order) > 1 else None}


# -- validation sample -----------------------------------------------------------------------------
def draw_validation(ws: Workspace, *, size: int, seed: int, per_code: int = 0) -> dict[str, Any]:
    """Draw the validation sample (:func:`analysis.validation.draw_validation_sample`: seeded,
    stratified by top predicted code, blind to the machine in the queue) and report its size.

    Raises:
        ToolkitError: Nothing to sample; ValueError: bad sizes.
    """
    from analysis.validation import draw_validation_sample

    sample = draw_validation_sample(ws.store(), size=size, per_code=per_code, seed=seed)
    ws.forget_queues()
    return {"segments": len(sample), "respondents": int(sample["unit_id"].nunique())
            if "unit_id" in sample.columns else None, "seed": seed}
