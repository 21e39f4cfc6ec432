"""What the workspace does, apart from HTTP: the coding queue, decisions, spans, memos, double
coding and reconciliation. Pages and API routes call these; they call the store and the analysis
functions, never SQL.

Decisions follow the guarantees of ``import-coding`` (:mod:`analysis.coding_io`): every decision
is a new row of the store's coding history with the person and the time; the latest row per
segment, code and person is current; a re-run of any stage never overwrites it (the store's
``replace_suggestions`` deletes machine suggestions only, and ``replace_segments`` keeps the
spans people made). Submitting a segment accepts the chosen codes and marks every other active
code as not applying, as a filled-in workbook row does; a code already in that state gets no new
row, so submitting the same choice twice changes nothing.
"""

from __future__ import annotations

import json
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from survey.errors import ToolkitError
from survey.schema import CODING_COLUMNS, stable_id

EVIDENCE = "workspace"
RECONCILED = "reconciled"
# Keys a code can be given (stored in the codebook, never changed; see Codebook.with_keys):
# m (memo), s (span), x (mark) and ? / are commands, so neither case of those letters is used.
CODE_KEYS = "123456789abcdefghijklnopqrtuvwyzABCDEFGHIJKLNOPQRTUVWYZ"
QUEUE_KINDS = ("next", "validation", "assigned", "disagreements", "code", "question", "cohort",
               "wave")
_QUEUE_TTL_S = 20.0


class WorkspaceError(ToolkitError):
    """A request the workspace cannot carry out (unknown segment, code or queue)."""


class StaleError(WorkspaceError):
    """The page was built from a codebook that has changed since (answered 409 with a reload
    link; nothing is saved)."""


class Forbidden(WorkspaceError):
    """A request this person's role may not make (answered 403)."""


def now_iso() -> str:
    """The time recorded with a decision."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Settings:
    """Where the project lives and how the workspace behaves.

    Attributes:
        store_path: The project store.
        codebook_path: The project's codebook file (edited by leads), or None.
        project_name: Shown in the page header.
        session_hours: How long a login lasts.
        secure_cookies: Mark cookies ``Secure`` (behind TLS).
        throttle: Failed-login policy (:class:`workspace.auth.Throttle`).
        fast_embeddings: TF-IDF + SVD instead of MiniLM for per-cohort topic fits.
        embedding_model: Optional MiniLM folder (the project's ``topics.embedding_model``).
        embedding_precision: The project's ``topics.embedding_precision`` (so per-cohort fits
            read the vectors the pipeline cached).
        seed: The project's seed.
        memo_anonymiser: ``text -> anonymised text`` applied to memos before they are stored
            (a person's free text has not been through the anonymiser otherwise).
        review_dir: The project's private review folder (``review.xlsx``), where a lead sends
            the words people marked as still identifying.
        max_json_bytes: Largest request body other than an upload (JSON, the login form).
        max_upload_bytes: Largest multipart upload (a .qdc codebook).
        allowed_hosts: Host header names the app answers (others get 400), so a page cannot be
            reached through a name an attacker points at this machine.
    """

    store_path: Path
    codebook_path: Path | None = None
    project_name: str = "Survivor Voices"
    session_hours: float = 12.0
    secure_cookies: bool = False
    throttle: Any = None
    fast_embeddings: bool = False
    embedding_model: Path | None = None
    embedding_precision: str = "float32"
    seed: int = 13
    memo_anonymiser: Any = None
    review_dir: Path | None = None
    max_json_bytes: int = 1 << 20
    max_upload_bytes: int = 10 << 20
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class _QueueCache:
    key: Any = None
    ids: list[str] = field(default_factory=list)
    at: float = 0.0


class Workspace:
    """The workspace's state: settings, a store connection per thread, the loaded codebook.

    Args:
        settings: The :class:`Settings`.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()
        self._cb: tuple[float, Any] | None = None
        self._cb_lock = threading.Lock()
        self._queues: dict[str, _QueueCache] = {}
        self._skipped: dict[tuple[str, str], list[str]] = {}

    # -- plumbing -------------------------------------------------------------------------------
    def store(self) -> Any:
        """This thread's open store (WAL and a busy timeout, so parallel writers wait)."""
        from analysis.store import Store

        st = getattr(self._local, "store", None)
        if st is None:
            st = Store(self.settings.store_path).open()
            st.enable_concurrent_access()
            self._local.store = st
        return st

    def codebook(self) -> Any:
        """The project codebook, reread when its file changes (None without one)."""
        from codebook.io import read_codebook

        path = self.settings.codebook_path
        if path is None:
            return None
        mtime = Path(path).stat().st_mtime
        with self._cb_lock:
            if self._cb is None or self._cb[0] != mtime:
                # codes without a stored key get the next free one, in memory until a save
                self._cb = (mtime, read_codebook(path).with_keys(CODE_KEYS))
            return self._cb[1]

    def save_codebook(self, cb: Any) -> None:
        """Write the codebook back to its file (atomically) and use it from now on."""
        from codebook.io import write_codebook

        if self.settings.codebook_path is None:
            raise WorkspaceError("this project has no codebook file to edit")
        cb = cb.with_keys(CODE_KEYS)  # every key is written down, so none can shift later
        cb.check()
        write_codebook(cb, self.settings.codebook_path)
        with self._cb_lock:
            self._cb = None

    def code_map(self) -> dict[str, str]:
        """Every code id ever used -> the code that now holds its codings."""
        from codebook.versioning import current_code_ids

        cb = self.codebook()
        return {} if cb is None else current_code_ids(cb)

    def code_keys(self) -> list[dict[str, Any]]:
        """The active codes with the key that toggles each."""
        cb = self.codebook()
        if cb is None:
            return []
        themes = {t.id: t.label for t in cb.themes}
        return [{"key": c.key or "", "id": c.id, "label": c.label, "theme_id": c.theme_id,
                 "theme": themes.get(c.theme_id, c.theme_id), "definition": c.definition,
                 "include": c.include, "exclude": c.exclude}
                for c in cb.active_codes]

    # -- queues ---------------------------------------------------------------------------------
    def _ordered(self, kind: str, arg: str | None, user: str) -> list[str]:
        """Segment ids of a queue in its order (cached for a few seconds)."""
        from analysis.coding_io import ORDER_META

        st = self.store()
        if kind == "assigned":
            return st.read_assignments(user)["segment_id"].tolist()
        if kind == "disagreements":
            return list(dict.fromkeys(self.open_disagreements()["segment_id"]))
        if kind == "validation":
            reader = getattr(st, "read_validation_sample", None)
            return [] if reader is None else reader()["segment_id"].astype(str).tolist()
        if kind in ("code", "question", "cohort", "wave") and not arg:
            raise WorkspaceError(f"queue {kind!r} needs a value ({kind}:VALUE)")
        if kind not in QUEUE_KINDS:
            raise WorkspaceError(f"unknown queue {kind!r}; known: {', '.join(QUEUE_KINDS)}")
        # kept until the segments or the stored order change; a code's queue also follows new
        # suggestions, so it is rebuilt after a short while
        key = st.queue_fingerprint(ORDER_META)
        cache = self._queues.setdefault(f"{kind}:{arg}", _QueueCache())
        if cache.key == key and (kind != "code" or time.monotonic() - cache.at < _QUEUE_TTL_S):
            return cache.ids
        if kind == "next":
            order = st.get_meta(ORDER_META)
            ids = st.queue_segment_ids()
            if order:
                first = [s for s in json.loads(order)]
                known = set(ids)
                first = [s for s in first if s in known]
                seen = set(first)
                ids = first + [s for s in ids if s not in seen]
        elif kind == "wave":
            try:
                ids = st.queue_segment_ids(wave=int(arg))
            except ValueError:
                raise WorkspaceError("queue wave needs a wave number") from None
        elif kind == "code":
            ids = st.queue_segment_ids(code_id=arg)
        else:
            ids = st.queue_segment_ids(**{f"{kind}_id" if kind == "question" else kind: arg})
        cache.key, cache.ids, cache.at = key, ids, time.monotonic()
        return ids

    def blind_segments(self, user: str) -> set[str]:
        """Segments on which this person must not learn what others or the machine decided:
        their own double-coding assignments and the validation sample. Aggregate views (queues
        by code, progress) leave others' decisions on these out for a coder."""
        st = self.store()
        ids = set(st.read_assignments(user)["segment_id"])
        return ids | set(st.read_validation_sample()["segment_id"].astype(str))

    def _queue_ids(self, kind: str, arg: str | None, user: str) -> list[str]:
        """A queue's segment ids as this person may see them: a queue by code is built from
        suggestions and decisions, so its membership would tell a blind coder what the machine
        or another coder found; blind segments are reached through their own queues."""
        ids = self._ordered(kind, arg, user)
        if kind != "code":
            return ids
        hidden = self.blind_segments(user)
        return [s for s in ids if s not in hidden] if hidden else ids

    @staticmethod
    def check_queue(queue: str | None, role: str) -> str:
        """The queue if this role may use it (only a lead sees the disagreements queue).

        Raises:
            WorkspaceError: Unknown queue. Forbidden: disagreements for anyone but a lead.
        """
        kind, _ = Workspace.parse_queue(queue)
        if kind == "disagreements" and role != "lead":
            raise Forbidden("only a lead sees the disagreements queue")
        return queue or "next"

    def forget_queues(self) -> None:
        """Drop cached queue orders (after a new segment appears)."""
        self._queues.clear()

    @staticmethod
    def parse_queue(queue: str | None) -> tuple[str, str | None]:
        """``"code:access_transport"`` -> ``("code", "access_transport")``.

        Raises:
            WorkspaceError: An unknown queue kind.
        """
        kind, _, arg = (queue or "next").partition(":")
        if kind not in QUEUE_KINDS:
            raise WorkspaceError(f"unknown queue {kind!r}; known: {', '.join(QUEUE_KINDS)}")
        return kind, arg or None

    def next_segment(self, user: str, queue: str | None = None, *,
                     after: str | None = None) -> str | None:
        """The next segment of a queue this person has not decided (after ``after`` when given,
        wrapping round); None when they have decided them all."""
        kind, arg = self.parse_queue(queue)
        ids = self._queue_ids(kind, arg, user)
        if not ids:
            return None
        skipped = self._skipped.get((user, queue or "next"))
        if skipped:  # skipped segments wait at the end of this person's queue
            later, known = set(skipped), set(ids)
            ids = [s for s in ids if s not in later] + [s for s in skipped if s in known]
        decided = self.store().decided_segments(user)
        start = 0
        if after is not None:
            try:
                start = ids.index(after) + 1
            except ValueError:
                start = 0
        for i in range(len(ids)):
            sid = ids[(start + i) % len(ids)]
            if sid not in decided and sid != after:
                return sid
        return None

    def skip(self, user: str, queue: str | None, segment_id: str) -> str | None:
        """Put a segment at the end of this person's queue (for as long as the server runs) and
        return the next segment to code."""
        self.parse_queue(queue)
        skipped = self._skipped.setdefault((user, queue or "next"), [])
        if segment_id in skipped:
            skipped.remove(segment_id)
        skipped.append(segment_id)
        return self.next_segment(user, queue)

    def queue_progress(self, user: str, queue: str | None) -> tuple[int, int]:
        """``(decided by this person, total)`` for a queue."""
        kind, arg = self.parse_queue(queue)
        ids = self._queue_ids(kind, arg, user)
        decided = self.store().decided_segments(user)
        return sum(1 for s in ids if s in decided), len(ids)

    # -- one segment ----------------------------------------------------------------------------
    def blind_for(self, user: str, segment_id: str, queue: str | None = None, *,
                  codings: list[dict[str, Any]] | None = None) -> bool:
        """Whether machine suggestions are hidden from this person on this segment, whatever
        queue it was opened through: a segment of the validation sample (reviewed blind to the
        machine), or of their assignment blind to the machine until it is settled (see
        :meth:`settled`)."""
        st = self.store()
        if self.parse_queue(queue)[0] == "validation" or st.in_validation_sample(segment_id):
            return True
        found = st.get_assignment(segment_id, user)
        if not (found and found["blind"]):
            return False
        rows = st.segment_codings(segment_id) if codings is None else codings
        return not self.settled(segment_id, rows)

    def settled(self, segment_id: str, codings: list[dict[str, Any]]) -> bool:
        """Whether a double-coded segment is settled: a lead has reconciled it, or every
        assigned coder has decided it and they accept the same codes."""
        human = [r for r in codings if r["source"] == "human"]
        if any(r["evidence"] == RECONCILED for r in human):
            return True
        assignees = self.store().segment_assignees(segment_id)
        if len(assignees) < 2:
            return False
        accepted = {u: frozenset(r["code_id"] for r in human
                                 if r["coder"] == u and r["status"] == "accepted")
                    for u in assignees}
        decided = {r["coder"] for r in human}
        return set(assignees) <= decided and len(set(accepted.values())) == 1

    def segment(self, user: str, segment_id: str, *, queue: str | None = None) -> dict[str, Any]:
        """Everything the queue page shows for one segment: text, answer, question, cohort and
        wave, the respondent's other answers, suggestions (unless blind) and this person's
        current decisions. Other people's decisions are never included.

        Raises:
            WorkspaceError: Unknown segment.
        """
        st = self.store()
        view = st.segment_view(segment_id)
        if view is None:
            raise WorkspaceError("unknown segment")
        cmap = self.code_map()
        codings = [{**r, "code_id": cmap.get(r["code_id"], r["code_id"])}
                   for r in st.segment_codings(segment_id)]
        blind = self.blind_for(user, segment_id, queue, codings=codings)
        suggestions = []
        if not blind:
            machine = [r for r in codings
                       if r["source"] != "human" and r["status"] == "suggested"]
            best: dict[str, dict[str, Any]] = {}
            for r in machine:
                conf = None if r["confidence"] is None else float(r["confidence"])
                have = best.get(r["code_id"])
                if have is None or (conf or 0) > (have["confidence"] or 0):
                    best[r["code_id"]] = {"code_id": r["code_id"], "confidence": conf,
                                          "source": r["source"], "evidence": r["evidence"] or ""}
            cb = self.codebook()
            labels = {} if cb is None else {c.id: c.label for c in cb.codes}
            for sug in best.values():
                sug["label"] = labels.get(sug["code_id"], sug["code_id"])
            suggestions = sorted(best.values(), key=lambda s: -(s["confidence"] or 0))
        decisions = {r["code_id"]: r["status"] for r in codings
                     if r["coder"] == user and r["source"] == "human"}
        context = [a for a in st.respondent_answers(view["response_id"])
                   if a["answer_id"] != view["answer_id"]] if view["response_id"] else []
        return {**view, "wave": None if view["wave"] is None else int(view["wave"]),
                "blind": blind, "suggestions": suggestions, "decisions": decisions,
                "suggestion_by_code": {s["code_id"]: s for s in suggestions},
                "accepted": sorted(c for c, s in decisions.items() if s == "accepted"),
                "decided": bool(decisions), "context": context,
                "memos": st.segment_memos(segment_id, user)}

    def _active_ids(self) -> list[str]:
        cb = self.codebook()
        if cb is None:
            raise WorkspaceError("this project has no codebook")
        return [c.id for c in cb.active_codes]

    def _check_segment(self, segment_id: str) -> None:
        if self.store().segment_view(segment_id) is None:
            raise WorkspaceError("unknown segment")

    def _check_codes(self, codes: list[str], shown: list[str] | None = None) -> list[str]:
        active = set(self._active_ids())
        bad = [c for c in codes if c not in active]
        moved = [c for c in bad if c in self.code_map()]
        if moved or (shown is not None and set(shown) != active):
            cb = self.codebook()
            raise StaleError(f"the codebook has changed since this page was loaded (it is now "
                             f"version {cb.version}); reload the page to see the current codes. "
                             "Nothing was saved.")
        if bad:
            raise WorkspaceError(f"{len(bad)} code(s) are not active codes of the codebook")
        return list(dict.fromkeys(codes))

    def _rows(self, segment_id: str, user: str, pairs: list[tuple[str, str]],
              evidence: str = EVIDENCE) -> pd.DataFrame:
        when = now_iso()
        return pd.DataFrame([{"segment_id": segment_id, "code_id": c, "coder": user,
                              "source": "human", "confidence": None, "status": s,
                              "evidence": evidence, "decided_at": when} for c, s in pairs],
                            columns=list(CODING_COLUMNS))

    def submit(self, user: str, segment_id: str, codes: list[str], *,
               shown: list[str] | None = None, request_key: str | None = None) -> int:
        """Accept ``codes`` on a segment and mark every other active code as not applying.

        ``shown`` (the codes the page offered) guards against a page built before a codebook
        change: a code added since would otherwise be marked not applying unseen.
        ``request_key`` makes a save sent twice (a double press) store once.

        Returns:
            How many decision rows were added (0 when nothing changed).

        Raises:
            WorkspaceError: Unknown segment or code; StaleError: the codebook changed.
        """
        self._check_segment(segment_id)
        chosen = self._check_codes(codes, shown)
        st = self.store()
        if request_key is not None and st.request_result(user, request_key) is not None:
            return 0
        cmap = self.code_map()
        st = self.store()
        status = {cmap.get(r["code_id"], r["code_id"]): r["status"]
                  for r in st.segment_codings(segment_id)
                  if r["coder"] == user and r["source"] == "human"}
        pairs = [(c, "accepted") for c in chosen if status.get(c) != "accepted"]
        pairs += [(c, "rejected") for c in self._active_ids()
                  if c not in chosen and status.get(c) != "rejected"]
        if pairs or request_key is not None:
            done = st.add_codings(self._rows(segment_id, user, pairs), request_key=request_key,
                                  username=user, result=str(len(pairs)))
            return len(pairs) if done else 0
        return 0

    def decide(self, user: str, segment_id: str, code_id: str, status: str, *,
               request_key: str | None = None) -> int:
        """One decision on one code (``accepted`` or ``rejected``); one history row, none when
        ``request_key`` was sent before by this person (a double press).

        Raises:
            WorkspaceError: Unknown segment, code or status.
        """
        return int(self._record_one(user, segment_id, code_id, status,
                                    request_key=request_key))

    def _record_one(self, user: str, segment_id: str, code_id: str, status: str,
                    request_key: str | None = None, **row_options: str) -> bool:
        """Check one decision and add it as one history row (``row_options`` go to ``_rows``);
        False when ``request_key`` was seen before."""
        if status not in ("accepted", "rejected"):
            raise WorkspaceError("status must be 'accepted' or 'rejected'")
        self._check_segment(segment_id)
        self._check_codes([code_id])
        return self.store().add_codings(self._rows(segment_id, user, [(code_id, status)],
                                                   **row_options),
                                        request_key=request_key, username=user, result="1")

    def code_span(self, user: str, answer_id: str, start: int, end: int,
                  codes: list[str], *, expect: str | None = None) -> str:
        """Code a span a person selected inside an answer: a sub-answer segment (offsets into
        the anonymised answer) with the chosen codes accepted.

        Returns:
            The new segment's id.

        Raises:
            WorkspaceError: No code chosen, or an unknown code; StoreError: bad offsets.
        """
        chosen = self._check_codes(codes)
        if not chosen:
            raise WorkspaceError("choose at least one code for the selected span")
        text = self.store().answer_text(answer_id)
        if text is None:
            raise WorkspaceError("unknown answer")
        if expect is not None and text[int(start):int(end)] != expect:
            raise WorkspaceError("the selection does not match the answer text; select again")
        sid = stable_id(answer_id, int(start), int(end), prefix="h_")
        self.store().add_human_segment(sid, answer_id=answer_id, start=int(start), end=int(end))
        self.store().add_codings(self._rows(sid, user, [(c, "accepted") for c in chosen]))
        self.forget_queues()
        return sid

    def add_memo(self, user: str, segment_id: str, text: str, *,
                 request_key: str | None = None) -> int:
        """A memo on a segment (at most 2,000 characters; shown only to its author), stored after
        the project's anonymiser has run over it; sent twice with one ``request_key``, stored
        once.

        Returns:
            The memo's id.

        Raises:
            WorkspaceError: Unknown segment, or an empty or long memo.
        """
        self._check_segment(segment_id)
        return self.store().add_memo(segment_id, username=user, text=self._memo_text(text),
                                     request_key=request_key)

    def _memo_text(self, text: str) -> str:
        text = (text or "").strip()
        if not 1 <= len(text) <= 2000:
            raise WorkspaceError("a memo must be 1-2,000 characters")
        if self.settings.memo_anonymiser is not None:
            text = self.settings.memo_anonymiser(text)
        return text

    def edit_memo(self, user: str, memo_id: int, text: str) -> None:
        """Replace the text of one's own memo (anonymised again).

        Raises:
            WorkspaceError: Not this person's memo, or an empty or long text.
        """
        if not self.store().update_memo(memo_id, username=user, text=self._memo_text(text)):
            raise WorkspaceError("no such memo of yours")

    def delete_memo(self, user: str, memo_id: int) -> None:
        """Delete one's own memo.

        Raises:
            WorkspaceError: Not this person's memo.
        """
        if not self.store().delete_memo(memo_id, username=user):
            raise WorkspaceError("no such memo of yours")

    # -- double coding and agreement ------------------------------------------------------------
    def assign_sample(self, lead: str, coders: list[str], *, size: int, blind: bool,
                      seed: int = 13) -> list[str]:
        """Assign a seeded random sample of segments to two or more coders.

        Raises:
            WorkspaceError: Fewer than two coders, unknown users, or a bad size.
        """
        st = self.store()
        roles = dict(zip(st.read_users()["username"], st.read_users()["role"], strict=True))
        coders = list(dict.fromkeys(coders))
        if len(coders) < 2 or any(roles.get(c) != "coder" for c in coders):
            raise WorkspaceError("choose two or more existing coders to double-code (a lead "
                                 "sees every decision, so cannot code blind)")
        # a segment one of them has already decided was decided with the suggestions and
        # without the other's blindness guaranteed, so it cannot count towards agreement
        decided = set().union(*(st.decided_segments(c) for c in coders))
        ids = [s for s in st.queue_segment_ids() if s not in decided]
        if not 1 <= size <= len(ids):
            raise WorkspaceError(f"sample size must be 1-{len(ids)} (segments none of these "
                                 "coders has decided yet)")
        sample = sorted(random.Random(seed).sample(ids, size), key=ids.index)
        st.assign_segments(sample, coders, blind=blind, assigned_by=lead)
        return sample

    def _human_codings(self) -> pd.DataFrame:
        from codebook.versioning import apply_code_map

        cod = self.store().read_codings()
        return apply_code_map(cod, self.code_map())

    def _people_codings(self) -> pd.DataFrame:
        """People's current decisions, reconciliation decisions left out."""
        cod = self._human_codings()
        return cod[(cod["source"] == "human") & (cod["evidence"].fillna("") != RECONCILED)]

    def coder_pairs(self) -> list[dict[str, Any]]:
        """Pairs of people who coded the same segments, most shared first: ``{"pair": (a, b),
        "units": n, "assigned": bool}``. A pair's units are the segments assigned to both
        when they share an assignment, otherwise the segments both decided."""
        import itertools

        cod = self._people_codings()
        decided = cod.groupby("coder")["segment_id"].agg(set).to_dict()
        asg = self.store().read_assignments()
        assigned = asg.groupby("username")["segment_id"].agg(set).to_dict()
        out = []
        for a, b in itertools.combinations(sorted(set(decided) | set(assigned)), 2):
            units, both_assigned = self._pair_units(a, b, decided, assigned)
            if units:
                out.append({"pair": (a, b), "units": len(units), "assigned": both_assigned})
        return sorted(out, key=lambda p: (not p["assigned"], -p["units"], p["pair"]))

    @staticmethod
    def _pair_units(a: str, b: str, decided: dict[str, set[str]],
                    assigned: dict[str, set[str]]) -> tuple[set[str], bool]:
        shared = assigned.get(a, set()) & assigned.get(b, set())
        if shared:
            return shared, True
        return decided.get(a, set()) & decided.get(b, set()), False

    def agreement(self, pair: tuple[str, str] | None = None) -> Any:
        """Agreement per code between one pair of coders (the lead's choice; by default the
        pair sharing an assignment, or the most segments), on that pair's units only: no other
        person's decisions and no reconciliation decisions are folded in.

        Raises:
            WorkspaceError: A pair that is not two different people who coded together.
        """
        from analysis.agreement import agreement

        cod = self._people_codings()
        pairs = {p["pair"]: p for p in self.coder_pairs()}
        if pair is None:
            pair = next(iter(pairs), None)
        elif len(pair) != 2 or tuple(sorted(pair)) not in pairs:
            raise WorkspaceError("choose two people who coded the same segments; pairs: "
                                 + (", ".join("+".join(p) for p in pairs) or "none yet"))
        if pair is None:
            return agreement(cod.iloc[0:0], codebook=self.codebook())
        decided = cod.groupby("coder")["segment_id"].agg(set).to_dict()
        assigned = self.store().read_assignments().groupby("username")["segment_id"] \
            .agg(set).to_dict()
        units, _ = self._pair_units(pair[0], pair[1], decided, assigned)
        cod = cod[cod["coder"].isin(pair) & cod["segment_id"].isin(units)]
        segs = self.store().read_segments()
        return agreement(cod, segments=segs[segs["segment_id"].isin(units)], pair=tuple(pair),
                         codebook=self.codebook())

    def code_labels(self) -> dict[str, str]:
        """Every code id of the codebook (and each old id) -> the label people know it by."""
        cb = self.codebook()
        if cb is None:
            return {}
        labels = {c.id: c.label for c in cb.codes}
        return {old: labels.get(new, new) for old, new in self.code_map().items()} | labels

    def open_disagreements(self) -> pd.DataFrame:
        """Disagreements between any two people that no lead has reconciled yet
        (``segment_id, code_id, applied_by, not_applied_by, text``)."""
        from analysis.agreement import agreement

        cod = self._people_codings()
        segs = self.store().read_segments()
        res = agreement(cod, segments=segs[segs["segment_id"].isin(set(cod["segment_id"]))],
                        codebook=self.codebook())
        dis = res.disagreements
        if dis.empty:
            return dis
        cod = self._human_codings()
        done = set(map(tuple, cod.loc[cod["evidence"] == RECONCILED,
                                      ["segment_id", "code_id"]].to_numpy()))
        keep = [(s, c) not in done for s, c in zip(dis["segment_id"], dis["code_id"],
                                                    strict=True)]
        return dis[keep].reset_index(drop=True)

    def reconcile(self, lead: str, segment_id: str, code_id: str, status: str) -> None:
        """The lead's final decision on a disagreement, recorded with the lead and the time
        (the latest person's decision is what the report counts).

        Raises:
            WorkspaceError: Unknown segment, code or status.
        """
        self._record_one(lead, segment_id, code_id, status, evidence=RECONCILED)

    def decisions_for(self, segment_id: str) -> list[dict[str, Any]]:
        """Every person's current decisions on a segment (for the lead's side-by-side view)."""
        cmap = self.code_map()
        keep = ("coder", "status", "evidence", "decided_at")
        return [{"code_id": cmap.get(r["code_id"], r["code_id"]), **{k: r[k] for k in keep}}
                for r in self.store().segment_codings(segment_id) if r["source"] == "human"]
