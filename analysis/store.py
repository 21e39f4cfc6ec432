"""The project store: SQLite (stdlib ``sqlite3``) holding the canonical tables, anonymised only.

Schema changes are small numbered SQL files in ``analysis/migrations/``, applied forward in order;
``PRAGMA user_version`` records the version. Each write method runs in one transaction, so a crash
leaves the last good state. The store also serves as the embedding cache (``get_many`` /
``put_many``), keyed by text hash and model name.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from survey.errors import ToolkitError
from survey.instrument import Instrument
from survey.schema import ANSWER_COLUMNS, CODING_COLUMNS, RESPONSE_COLUMNS, SEGMENT_COLUMNS

STORE_NAME = "project.sqlite"
_MIGRATION = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_QID = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
LOG_COLUMNS = ("answer_id", "response_id", "question_id", "label", "recognizer", "score", "reason",
               "decision", "placeholder", "start", "end")


class StoreError(ToolkitError):
    """The store file is unusable (corrupt, or from a newer toolkit)."""


def migrations() -> list[tuple[int, str]]:
    """The shipped migrations as ``(version, sql)``, in order."""
    found = []
    for entry in resources.files("analysis.migrations").iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            found.append((int(m.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _q(name: str) -> str:
    """Quote an SQL identifier (names are validated question ids or fixed column names)."""
    return '"' + name.replace('"', '""') + '"'


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _encode_closed(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


class Store:
    """A project's SQLite store.

    Args:
        path: The database file; created and migrated on :meth:`open`.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    # -- lifecycle -----------------------------------------------------------------------------
    def open(self) -> Store:
        """Open (creating if needed) and migrate forward.

        Raises:
            StoreError: The file is not a SQLite database, or was written by a newer toolkit.
        """
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            current = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError:
            conn.close()
            raise StoreError(f"{self.path}: not a SQLite database; move it away and rerun") from None
        known = migrations()
        latest = known[-1][0] if known else 0
        if current > latest:
            conn.close()
            raise StoreError(f"{self.path}: schema version {current} is newer than this toolkit "
                             f"knows ({latest}); upgrade the toolkit")
        for version, sql in known:
            if version > current:
                with conn:
                    conn.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {version};\nCOMMIT;")
        self._conn = conn
        return self

    def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Store:
        return self.open() if self._conn is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """The open connection."""
        if self._conn is None:
            raise StoreError(f"{self.path}: store is not open")
        return self._conn

    @property
    def schema_version(self) -> int:
        """The schema version of the open database."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a project-level fact (no identifiable values)."""
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def get_meta(self, key: str) -> str | None:
        """Read a project-level fact."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # -- responses and answers -----------------------------------------------------------------
    def _response_columns(self) -> list[str]:
        return [r[1] for r in self.conn.execute("PRAGMA table_info(responses)")]

    def replace_survey_data(self, instrument: Instrument, responses: pd.DataFrame,
                            answers: pd.DataFrame) -> None:
        """Replace questions, responses and answers in one transaction.

        Closed-question columns are added to ``responses`` by question id. Segments and codings
        of answers that still exist are kept (ids are stable across runs); others go with their
        answers.
        """
        conn = self.conn
        with conn:
            conn.execute("DELETE FROM questions")
            conn.executemany(
                "INSERT INTO questions(question_id, kind, text, position) VALUES (?, ?, ?, ?)",
                [(q.id, q.kind, q.text, i) for i, q in enumerate(instrument.questions)])
            have = set(self._response_columns())
            closed = [c for c in responses.columns if c not in RESPONSE_COLUMNS]
            for col in closed:
                if not _QID.match(col):
                    raise StoreError(f"response column {col!r} is not a valid question id")
                if col not in have:
                    conn.execute(f"ALTER TABLE responses ADD COLUMN {_q(col)}")
            keep_answers = set(answers["answer_id"])
            old = [r[0] for r in conn.execute("SELECT answer_id FROM answers")]
            gone = [a for a in old if a not in keep_answers]
            conn.executemany("DELETE FROM segments WHERE answer_id = ?", [(a,) for a in gone])
            conn.execute("DELETE FROM answers")
            conn.execute("DELETE FROM responses")
            cols = list(RESPONSE_COLUMNS) + closed
            sql = (f"INSERT INTO responses({', '.join(_q(c) for c in cols)}) "
                   f"VALUES ({', '.join('?' for _ in cols)})")
            conn.executemany(sql, [tuple(_encode_closed(row[c]) for c in cols)
                                   for row in responses.to_dict("records")])
            conn.executemany(
                "INSERT INTO answers(answer_id, response_id, question_id, text, lang) "
                "VALUES (?, ?, ?, ?, ?)",
                [tuple(row[c] for c in ANSWER_COLUMNS) for row in answers.to_dict("records")])
            conn.execute("DELETE FROM segments WHERE answer_id NOT IN (SELECT answer_id FROM answers)")

    def read_responses(self) -> pd.DataFrame:
        """Responses with closed answers decoded by question kind (multiple -> list)."""
        df = pd.read_sql_query("SELECT * FROM responses ORDER BY rowid", self.conn)
        kinds = dict(self.conn.execute("SELECT question_id, kind FROM questions").fetchall())
        for col in df.columns:
            if kinds.get(col) == "multiple":
                df[col] = [json.loads(v) if isinstance(v, str) else [] for v in df[col]]
        return df

    def read_answers(self) -> pd.DataFrame:
        """The anonymised free-text answers."""
        return pd.read_sql_query(
            f"SELECT {', '.join(ANSWER_COLUMNS)} FROM answers ORDER BY rowid", self.conn)

    def replace_closed_counts(self, counts: pd.DataFrame) -> None:
        """Replace the one-way closed-answer counts (``cohort, wave, question_id, value, n``)."""
        with self.conn:
            self.conn.execute("DELETE FROM closed_counts")
            self.conn.executemany(
                "INSERT INTO closed_counts(cohort, wave, question_id, value, n) VALUES (?,?,?,?,?)",
                [(r["cohort"], int(r["wave"]), r["question_id"],
                  None if r["value"] is None or pd.isna(r["value"]) else str(r["value"]),
                  int(r["n"])) for r in counts.to_dict("records")])

    def read_closed_counts(self) -> pd.DataFrame:
        """One-way closed-answer counts; ``value`` None is "no answer"."""
        df = pd.read_sql_query("SELECT cohort, wave, question_id, value, n FROM closed_counts "
                               "ORDER BY rowid", self.conn)
        df["value"] = df["value"].astype(object).where(df["value"].notna(), None)
        return df

    # -- segments and codings ------------------------------------------------------------------
    def replace_segments(self, segments: pd.DataFrame) -> None:
        """Replace all segments (ids are stable, so codings of unchanged segments still match).

        Segments a person made in the workspace (a coded span; ``origin`` "human") are kept with
        their codings; a row of ``segments`` with such an id is skipped.
        """
        with self.conn:
            self.conn.execute("DELETE FROM segments WHERE origin != 'human'")
            human = {r[0] for r in self.conn.execute(
                "SELECT segment_id FROM segments WHERE origin = 'human'")}
            self.conn.executemany(
                'INSERT INTO segments(segment_id, answer_id, start, "end", text) VALUES (?,?,?,?,?)',
                [(r["segment_id"], r["answer_id"], int(r["start"]), int(r["end"]), r["text"])
                 for r in segments.to_dict("records") if r["segment_id"] not in human])

    def read_segments(self) -> pd.DataFrame:
        """All segments."""
        return pd.read_sql_query(
            'SELECT segment_id, answer_id, start, "end", text FROM segments ORDER BY rowid',
            self.conn)[list(SEGMENT_COLUMNS)]

    def replace_suggestions(self, codings: pd.DataFrame) -> None:
        """Replace pending machine suggestions with a new set; never touch human decisions.

        Rows with status ``suggested`` from machine sources are deleted first; accepted or
        rejected rows (a person's decisions) and their history stay.
        """
        with self.conn:
            self.conn.execute("DELETE FROM codings WHERE status = 'suggested' AND source != 'human'")
            self._insert_codings(codings)

    def add_codings(self, codings: pd.DataFrame, *, request_key: str | None = None,
                    username: str = "", result: str = "") -> bool:
        """Append coding decisions (history is kept; the latest row per key is current).

        With ``request_key``, the rows are written only the first time this person sends that
        key, in the same transaction that records the key (with ``result``, what the first save
        answered): a save sent twice, or twice at once, is stored once.

        Returns:
            Whether the rows were written (False: the key was seen before).
        """
        with self.conn:
            if request_key is not None and not self._claim_request(username, request_key,
                                                                   result):
                return False
            self._insert_codings(codings)
        return True

    def _claim_request(self, username: str, request_key: str, result: str) -> bool:
        cur = self.conn.execute("INSERT OR IGNORE INTO request_keys(username, request_key, "
                                "result, created_at) VALUES (?, ?, ?, ?)",
                                (username, str(request_key)[:100], result, _now()))
        return cur.rowcount == 1

    def request_result(self, username: str, request_key: str) -> str | None:
        """What the first save under this person's request key answered, or None if unseen."""
        row = self.conn.execute("SELECT result FROM request_keys WHERE username = ? AND "
                                "request_key = ?", (username, str(request_key)[:100])).fetchone()
        return None if row is None else (row[0] or "")

    def _insert_codings(self, codings: pd.DataFrame) -> None:
        rows = []
        for r in codings.to_dict("records"):
            conf = r.get("confidence")
            rows.append((r["segment_id"], r["code_id"], r["coder"], r["source"],
                         None if conf is None or pd.isna(conf) else float(conf), r["status"],
                         r.get("evidence"), r.get("decided_at")))
        self.conn.executemany(
            "INSERT INTO codings(segment_id, code_id, coder, source, confidence, status, evidence, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def read_codings(self, *, current_only: bool = True) -> pd.DataFrame:
        """Codings; by default only the latest row per (segment, code, coder)."""
        cols = ", ".join(CODING_COLUMNS)
        if current_only:
            sql = (f"SELECT {cols} FROM codings WHERE coding_id IN (SELECT MAX(coding_id) FROM "
                   "codings GROUP BY segment_id, code_id, coder) ORDER BY coding_id")
        else:
            sql = f"SELECT coding_id, {cols} FROM codings ORDER BY coding_id"
        return pd.read_sql_query(sql, self.conn)

    # -- embedding cache -----------------------------------------------------------------------
    def get_many(self, model: str, hashes: list[str]) -> dict[str, np.ndarray]:
        """Cached embeddings for these text hashes (those present)."""
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(hashes), 500):
            chunk = hashes[i:i + 500]
            q = ", ".join("?" for _ in chunk)
            for h, dim, blob in self.conn.execute(
                    f"SELECT text_hash, dim, vector FROM embeddings WHERE model = ? AND "
                    f"text_hash IN ({q})", [model, *chunk]):
                out[h] = np.frombuffer(blob, dtype=np.float32, count=dim).copy()
        return out

    def put_many(self, model: str, items: dict[str, np.ndarray]) -> None:
        """Cache embeddings by text hash."""
        with self.conn:
            self.conn.executemany(
                "INSERT OR REPLACE INTO embeddings(text_hash, model, dim, vector) VALUES (?,?,?,?)",
                [(h, model, int(v.shape[0]), np.asarray(v, dtype=np.float32).tobytes())
                 for h, v in items.items()])

    # -- anonymisation log, topics, runs -------------------------------------------------------
    def replace_anonymisation_log(self, rows: Iterable[dict[str, Any]]) -> None:
        """Replace the anonymisation log (labels, recognizers, placeholders; no original values)."""
        with self.conn:
            self.conn.execute("DELETE FROM anonymisation_log")
            self.conn.executemany(
                f"INSERT INTO anonymisation_log({', '.join(_q(c) for c in LOG_COLUMNS)})"
                f" VALUES ({', '.join('?' for _ in LOG_COLUMNS)})",
                [tuple(r[c] for c in LOG_COLUMNS) for r in rows])

    def read_anonymisation_log(self) -> pd.DataFrame:
        """The anonymisation log."""
        cols = ", ".join(_q(c) for c in LOG_COLUMNS)
        return pd.read_sql_query(f"SELECT {cols} FROM anonymisation_log ORDER BY log_id",
                                 self.conn)

    def replace_topics(self, topics: pd.DataFrame, assignments: pd.DataFrame,
                       coords: pd.DataFrame | None = None) -> None:
        """Replace the fitted topics, answer-topic assignments and 2-D map coordinates."""
        xy = {} if coords is None else {r["id"]: (float(r["x"]), float(r["y"]))
                                         for r in coords.to_dict("records")}
        with self.conn:
            self.conn.execute("DELETE FROM topics")
            self.conn.execute("DELETE FROM topic_assignments")
            self.conn.executemany(
                "INSERT INTO topics(topic_id, label, size, top_words, best_code_id, "
                "best_code_similarity, candidate_new_code) VALUES (?,?,?,?,?,?,?)",
                [(int(r["topic_id"]), str(r["label"]), int(r["size"]),
                  json.dumps(list(r["top_words"]), ensure_ascii=False), r.get("best_code_id"),
                  None if pd.isna(r.get("best_code_similarity")) else
                  float(r["best_code_similarity"]), int(bool(r.get("candidate_new_code"))))
                 for r in topics.to_dict("records")])
            self.conn.executemany(
                "INSERT INTO topic_assignments(answer_id, topic_id, x, y) VALUES (?, ?, ?, ?)",
                [(r["id"], int(r["topic_id"]), *xy.get(r["id"], (None, None)))
                 for r in assignments.to_dict("records")])

    def read_topics(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Topics (top_words decoded to lists) and assignments (``id``, ``topic_id``, ``x``, ``y``)."""
        topics = pd.read_sql_query("SELECT * FROM topics ORDER BY topic_id", self.conn)
        topics["top_words"] = [json.loads(v) for v in topics["top_words"]]
        topics["candidate_new_code"] = topics["candidate_new_code"].astype(bool)
        assignments = pd.read_sql_query(
            "SELECT answer_id AS id, topic_id, x, y FROM topic_assignments ORDER BY rowid",
            self.conn)
        return topics, assignments

    def start_run(self, stage: str, version: str) -> int:
        """Record the start of a stage; returns its run id."""
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs(stage, started_at, toolkit_version) VALUES (?, ?, ?)",
                (stage, _now(), version))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int) -> None:
        """Record the end of a stage."""
        with self.conn:
            self.conn.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", (_now(), run_id))

    # -- quote picks (report writers' choices) ----------------------------------------------------
    QUOTE_PICK_COLUMNS = ("answer_id", "code_id", "user", "starred", "rank", "trim_start",
                          "trim_end", "never_quote", "decided_at")

    def set_quote_pick(self, answer_id: str, *, code_id: str | None, user: str, starred: bool,
                       rank: int | None = None, trim_start: int | None = None,
                       trim_end: int | None = None, never_quote: bool = False) -> None:
        """Record a writer's quote decision for an answer under a code (history is kept).

        Every call appends a row stamped with the time; the latest row per (answer, code) is the
        current pick. ``code_id`` None applies to the answer under any code (for ``never_quote``).
        ``trim_start``/``trim_end`` are character offsets into the anonymised answer text.

        Raises:
            StoreError: The answer is unknown, or the rank or trim is invalid.
        """
        row = self.conn.execute("SELECT length(text) FROM answers WHERE answer_id = ?",
                                (answer_id,)).fetchone()
        if row is None:
            raise StoreError(f"quote pick: answer {answer_id!r} is not in the store")
        if rank is not None and int(rank) < 1:
            raise StoreError(f"quote pick for answer {answer_id!r}: rank must be 1 or more")
        if (trim_start is None) != (trim_end is None):
            raise StoreError(f"quote pick for answer {answer_id!r}: give both trim_start and "
                             "trim_end, or neither")
        if trim_start is not None and not 0 <= int(trim_start) < int(trim_end) <= int(row[0]):
            raise StoreError(f"quote pick for answer {answer_id!r}: trim {trim_start}-{trim_end} "
                             f"is outside the answer (0-{row[0]})")
        with self.conn:
            self.conn.execute(
                "INSERT INTO quote_picks(answer_id, code_id, user, starred, rank, trim_start, "
                "trim_end, never_quote, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (answer_id, code_id, user, int(bool(starred)),
                 None if rank is None else int(rank),
                 None if trim_start is None else int(trim_start),
                 None if trim_end is None else int(trim_end), int(bool(never_quote)), _now()))

    def read_quote_picks(self, *, current_only: bool = True) -> pd.DataFrame:
        """Quote picks; by default only the latest row per (answer, code).

        Columns: ``answer_id, code_id, user, starred, rank, trim_start, trim_end, never_quote,
        decided_at`` (``starred``/``never_quote`` bool; ``rank``/trims nullable ints).
        """
        cols = ", ".join(_q(c) for c in self.QUOTE_PICK_COLUMNS)
        where = (" WHERE pick_id IN (SELECT MAX(pick_id) FROM quote_picks "
                 "GROUP BY answer_id, code_id)" if current_only else "")
        df = pd.read_sql_query(f"SELECT {cols} FROM quote_picks{where} ORDER BY pick_id",
                               self.conn)
        df["starred"] = df["starred"].astype(bool)
        df["never_quote"] = df["never_quote"].astype(bool)
        for c in ("rank", "trim_start", "trim_end"):
            df[c] = df[c].astype("Int64")
        df["code_id"] = df["code_id"].astype(object).where(df["code_id"].notna(), None)
        return df

    # -- flag clearing (the second gate before publishing) ------------------------------------
    def _answer_hashes(self, answer_ids: Iterable[str]) -> dict[str, str]:
        import hashlib

        ids = list(dict.fromkeys(str(a) for a in answer_ids))
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            rows = self.conn.execute(
                f"SELECT answer_id, text FROM answers WHERE answer_id IN "
                f"({', '.join('?' for _ in chunk)})", chunk).fetchall()
            out.update({a: hashlib.sha256(t.encode("utf-8")).hexdigest() for a, t in rows})
        return out

    def read_flagged_answers(self) -> set[str]:
        """Answer ids flagged at ingest as holding a possible identifier and not yet cleared.

        A clearance counts only while the answer's anonymised text is the one that was cleared
        (a re-ingest that changes it brings the flag back). These answers are never quoted.
        """
        flagged = {str(a) for a in json.loads(self.get_meta("flagged_answers") or "[]")}
        if not flagged:
            return set()
        current = self._answer_hashes(flagged)
        cleared = {(a, h) for a, h in self.conn.execute(
            "SELECT answer_id, text_sha256 FROM flag_clearances")}
        return {a for a in flagged if (a, current.get(a)) not in cleared}

    def clear_flagged_answers(self, answer_ids: Iterable[str], *, user: str) -> int:
        """Record that a person checked these flagged answers and found no identifier.

        Args:
            answer_ids: Ids of flagged answers.
            user: Who cleared them (recorded with the time).

        Returns:
            How many clearances were recorded.

        Raises:
            ValueError: ``user`` is blank, or an id is not a flagged answer (the message gives
                the count, never a value).
        """
        if not isinstance(user, str) or not user.strip():
            raise ValueError("user must name who cleared the answers")
        ids = list(dict.fromkeys(str(a) for a in answer_ids))
        flagged = {str(a) for a in json.loads(self.get_meta("flagged_answers") or "[]")}
        hashes = self._answer_hashes(ids)
        unknown = [a for a in ids if a not in flagged or a not in hashes]
        if unknown:
            raise ValueError(f"{len(unknown)} of {len(ids)} answer id(s) are not flagged "
                             "answers in this store")
        now = _now()
        with self.conn:
            self.conn.executemany(
                "INSERT INTO flag_clearances(answer_id, text_sha256, cleared_by, cleared_at) "
                "VALUES (?, ?, ?, ?)", [(a, hashes[a], user.strip(), now) for a in ids])
        return len(ids)

    def read_flag_clearances(self) -> pd.DataFrame:
        """Every clearance recorded: ``answer_id, cleared_by, cleared_at`` (history kept)."""
        return pd.read_sql_query("SELECT answer_id, cleared_by, cleared_at FROM flag_clearances "
                                 "ORDER BY clearance_id", self.conn)

    # -- validation sample (validated prevalence) ----------------------------------------------
    def replace_validation_sample(self, sample: pd.DataFrame,
                                  frame: pd.DataFrame | None = None) -> None:
        """Replace the validation sample (and the frame it was drawn from) in one transaction.

        Args:
            sample: One row per drawn segment: ``segment_id, unit_id, stratum, predicted``
                (list of code ids or a ``;``-joined string) ``, position, seed, drawn_at``.
            frame: Every segment at draw time: ``segment_id, unit_id, stratum, predicted``.
                ``None`` keeps only the sample's own rows as the frame.
        """
        def codes(v: Any) -> str:
            if v is None or (isinstance(v, float) and np.isnan(v)):
                return ""
            return v if isinstance(v, str) else ";".join(str(c) for c in v)

        frame = sample if frame is None else frame
        with self.conn:
            self.conn.execute("DELETE FROM validation_sample")
            self.conn.execute("DELETE FROM validation_frame")
            self.conn.executemany(
                "INSERT INTO validation_frame(segment_id, unit_id, stratum, predicted) "
                "VALUES (?, ?, ?, ?)",
                [(str(r["segment_id"]), str(r["unit_id"]), str(r["stratum"]),
                  codes(r["predicted"])) for r in frame.to_dict("records")])
            self.conn.executemany(
                "INSERT INTO validation_sample(segment_id, unit_id, stratum, predicted, position, "
                "seed, drawn_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(str(r["segment_id"]), str(r["unit_id"]), str(r["stratum"]),
                  codes(r["predicted"]), int(r["position"]), int(r["seed"]), str(r["drawn_at"]))
                 for r in sample.to_dict("records")])

    def read_validation_sample(self) -> pd.DataFrame:
        """The validation sample in queue order: ``segment_id, unit_id, stratum, predicted``
        (list of code ids) ``, position, seed, drawn_at``; empty when none was drawn."""
        df = pd.read_sql_query(
            "SELECT segment_id, unit_id, stratum, predicted, position, seed, drawn_at "
            "FROM validation_sample ORDER BY position, segment_id", self.conn)
        df["predicted"] = [[c for c in str(v).split(";") if c] for v in df["predicted"]]
        return df

    def read_validation_frame(self) -> pd.DataFrame:
        """Every segment at draw time: ``segment_id, unit_id, stratum, predicted`` (list)."""
        df = pd.read_sql_query("SELECT segment_id, unit_id, stratum, predicted FROM "
                               "validation_frame ORDER BY rowid", self.conn)
        df["predicted"] = [[c for c in str(v).split(";") if c] for v in df["predicted"]]
        return df

    # -- browser workspace: accounts, sessions, queue reads, spans, memos, marks ------
    USER_ROLES = ("lead", "coder", "writer")

    def enable_concurrent_access(self, *, busy_timeout_ms: int = 30000) -> None:
        """WAL journal and a busy timeout, so several workspace users can write at once."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        self.conn.execute("PRAGMA journal_mode = WAL")

    def add_user(self, username: str, *, role: str, password_hash: str) -> None:
        """Create or replace a workspace account (only the password hash is kept).

        Raises:
            StoreError: An unknown role.
        """
        if role not in self.USER_ROLES:
            raise StoreError(f"role must be one of {', '.join(self.USER_ROLES)}; got {role!r}")
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO users(username, role, password_hash, "
                              "created_at) VALUES (?, ?, ?, ?)",
                              (username, role, password_hash, _now()))
            self.conn.execute("DELETE FROM sessions WHERE username = ?", (username,))

    def remove_user(self, username: str) -> bool:
        """Delete an account and its sessions (its decisions stay); False when unknown."""
        with self.conn:
            self.conn.execute("DELETE FROM sessions WHERE username = ?", (username,))
            cur = self.conn.execute("DELETE FROM users WHERE username = ?", (username,))
        return cur.rowcount > 0

    def read_users(self) -> pd.DataFrame:
        """Accounts: ``username, role, created_at`` (never the hash)."""
        return pd.read_sql_query("SELECT username, role, created_at FROM users ORDER BY username",
                                 self.conn)

    def get_user(self, username: str) -> dict[str, str] | None:
        """One account with its password hash, or None."""
        row = self.conn.execute("SELECT username, role, password_hash FROM users WHERE "
                                "username = ?", (username,)).fetchone()
        return None if row is None else dict(zip(("username", "role", "password_hash"), row,
                                                 strict=True))

    def add_session(self, token_sha256: str, *, username: str, csrf: str,
                    expires_at: str) -> None:
        """Record a login session by the hash of its token."""
        with self.conn:
            self.conn.execute("INSERT INTO sessions(token_sha256, username, csrf, created_at, "
                              "expires_at) VALUES (?, ?, ?, ?, ?)",
                              (token_sha256, username, csrf, _now(), expires_at))

    def get_session(self, token_sha256: str) -> dict[str, str] | None:
        """The session (``username, role, csrf, expires_at``) for a token hash, or None."""
        row = self.conn.execute(
            "SELECT s.username, u.role, s.csrf, s.expires_at FROM sessions s JOIN users u "
            "ON u.username = s.username WHERE s.token_sha256 = ?", (token_sha256,)).fetchone()
        return None if row is None else dict(zip(("username", "role", "csrf", "expires_at"), row,
                                                 strict=True))

    def delete_session(self, token_sha256: str) -> None:
        """End a session."""
        with self.conn:
            self.conn.execute("DELETE FROM sessions WHERE token_sha256 = ?", (token_sha256,))

    def login_state(self, username: str) -> tuple[int, str | None]:
        """``(failed logins in a row, locked until)`` for a user name (known or not)."""
        row = self.conn.execute("SELECT failures, locked_until FROM login_failures WHERE "
                                "username = ?", (username,)).fetchone()
        return (0, None) if row is None else (int(row[0]), row[1])

    def record_login_failure(self, username: str, *, locked_until: str | None = None) -> int:
        """Count one more failed login (and lock until a time when given); returns the count."""
        with self.conn:
            self.conn.execute(
                "INSERT INTO login_failures(username, failures, last_failure_at, locked_until) "
                "VALUES (?, 1, ?, ?) ON CONFLICT(username) DO UPDATE SET "
                "failures = failures + 1, last_failure_at = excluded.last_failure_at, "
                "locked_until = COALESCE(excluded.locked_until, locked_until)",
                (username, _now(), locked_until))
        return self.login_state(username)[0]

    def count_login_attempt(self, username: str) -> tuple[int, str | None]:
        """Count a login attempt before its password is checked, in one statement, so
        concurrent attempts each get their own number; returns ``(attempts in a row counting
        this one, locked until)``. A successful login resets the count, and so does the end of
        a lock (the first attempt after it counts as the first)."""
        over = "locked_until IS NOT NULL AND locked_until <= excluded.last_failure_at"
        with self.conn:
            row = self.conn.execute(
                "INSERT INTO login_failures(username, failures, last_failure_at, locked_until) "
                "VALUES (?, 1, ?, NULL) ON CONFLICT(username) DO UPDATE SET "
                f"failures = CASE WHEN {over} THEN 1 ELSE failures + 1 END, "
                f"locked_until = CASE WHEN {over} THEN NULL ELSE locked_until END, "
                "last_failure_at = excluded.last_failure_at "
                "RETURNING failures, locked_until", (username, _now())).fetchone()
        return int(row[0]), row[1]

    def lock_login(self, username: str, *, until: str) -> None:
        """Lock a user name until a time (a later lock already recorded is kept)."""
        with self.conn:
            self.conn.execute("UPDATE login_failures SET locked_until = ? WHERE username = ? AND "
                              "(locked_until IS NULL OR locked_until < ?)",
                              (until, username, until))

    def purge_sessions(self, *, expired_before: str) -> int:
        """Delete sessions whose expiry time has passed; returns how many."""
        with self.conn:
            return self.conn.execute("DELETE FROM sessions WHERE expires_at <= ?",
                                     (expired_before,)).rowcount

    def reset_login_failures(self, username: str) -> None:
        """Forget failed logins after a successful one (or an unlock)."""
        with self.conn:
            self.conn.execute("DELETE FROM login_failures WHERE username = ?", (username,))

    def segment_view(self, segment_id: str) -> dict[str, Any] | None:
        """A segment with its answer, question, respondent, cohort and wave, or None."""
        row = self.conn.execute(
            'SELECT s.segment_id, s.answer_id, s.start, s."end", s.text, s.origin, a.text, '
            "a.question_id, q.text, a.response_id, r.cohort, r.wave FROM segments s "
            "JOIN answers a ON a.answer_id = s.answer_id "
            "LEFT JOIN questions q ON q.question_id = a.question_id "
            "LEFT JOIN responses r ON r.response_id = a.response_id WHERE s.segment_id = ?",
            (segment_id,)).fetchone()
        keys = ("segment_id", "answer_id", "start", "end", "text", "origin", "answer_text",
                "question_id", "question_text", "response_id", "cohort", "wave")
        return None if row is None else dict(zip(keys, row, strict=True))

    def answer_text(self, answer_id: str) -> str | None:
        """One anonymised answer's text, or None."""
        row = self.conn.execute("SELECT text FROM answers WHERE answer_id = ?",
                                (answer_id,)).fetchone()
        return None if row is None else row[0]

    def respondent_answers(self, response_id: str) -> list[dict[str, Any]]:
        """A respondent's answers in question order (``answer_id, question_id, question_text,
        text``)."""
        rows = self.conn.execute(
            "SELECT a.answer_id, a.question_id, q.text, a.text FROM answers a LEFT JOIN "
            "questions q ON q.question_id = a.question_id WHERE a.response_id = ? "
            "ORDER BY q.position, a.rowid", (response_id,)).fetchall()
        return [dict(zip(("answer_id", "question_id", "question_text", "text"), r, strict=True))
                for r in rows]

    def segment_codings(self, segment_id: str) -> list[dict[str, Any]]:
        """Current codings of one segment (latest row per code and coder), as dicts with the
        coding columns (plain rows: this sits on the workspace's per-request path)."""
        cols = ", ".join(CODING_COLUMNS)
        rows = self.conn.execute(
            f"SELECT {cols} FROM codings WHERE coding_id IN (SELECT MAX(coding_id) FROM codings "
            "WHERE segment_id = ? GROUP BY code_id, coder) ORDER BY coding_id",
            (segment_id,)).fetchall()
        return [dict(zip(CODING_COLUMNS, r, strict=True)) for r in rows]

    def segment_memos(self, segment_id: str, username: str) -> list[dict[str, Any]]:
        """One person's memos on a segment (``memo_id, text, created_at, updated_at``)."""
        return [{"memo_id": i, "text": t, "created_at": c, "updated_at": u}
                for i, t, c, u in self.conn.execute(
                    "SELECT memo_id, text, created_at, updated_at FROM memos WHERE segment_id = ? "
                    "AND username = ? ORDER BY memo_id", (segment_id, username))]

    def get_assignment(self, segment_id: str, username: str) -> dict[str, Any] | None:
        """A double-coding assignment (``blind``, ``assigned_by``, ``assigned_at``), or None."""
        row = self.conn.execute("SELECT blind, assigned_by, assigned_at FROM assignments WHERE "
                                "segment_id = ? AND username = ?", (segment_id, username)).fetchone()
        return None if row is None else {"blind": bool(row[0]), "assigned_by": row[1],
                                         "assigned_at": row[2]}

    def segment_assignees(self, segment_id: str) -> list[str]:
        """The people a segment is assigned to for double coding."""
        return [r[0] for r in self.conn.execute(
            "SELECT username FROM assignments WHERE segment_id = ? ORDER BY username",
            (segment_id,))]

    def in_validation_sample(self, segment_id: str) -> bool:
        """Whether a segment belongs to the validation sample."""
        return self.conn.execute("SELECT 1 FROM validation_sample WHERE segment_id = ? LIMIT 1",
                                 (segment_id,)).fetchone() is not None

    def decided_segments(self, coder: str) -> set[str]:
        """Segments on which this person has made any decision."""
        return {r[0] for r in self.conn.execute(
            "SELECT DISTINCT segment_id FROM codings WHERE coder = ? AND source = 'human'",
            (coder,))}

    def queue_segment_ids(self, *, question_id: str | None = None, cohort: str | None = None,
                          wave: int | None = None, code_id: str | None = None) -> list[str]:
        """Segment ids in store order, optionally only those of a question, cohort or wave, or
        with a current suggestion or decision of a code."""
        where, params = [], []
        for col, val in (("a.question_id", question_id), ("r.cohort", cohort), ("r.wave", wave)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        if code_id is not None:
            where.append("s.segment_id IN (SELECT segment_id FROM codings WHERE code_id = ? AND "
                         "status != 'rejected')")
            params.append(code_id)
        sql = "SELECT s.segment_id FROM segments s"
        if question_id is not None or cohort is not None or wave is not None:
            sql += (" JOIN answers a ON a.answer_id = s.answer_id JOIN responses r ON "
                    "r.response_id = a.response_id")
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY s.rowid", params)]

    def queue_fingerprint(self, meta_key: str) -> tuple[Any, ...]:
        """A cheap value that changes when the segments or a stored order (``meta_key``) change,
        so the workspace can keep a queue's order between requests."""
        top = self.conn.execute("SELECT MAX(rowid) FROM segments").fetchone()[0]
        last = self.conn.execute("SELECT segment_id FROM segments WHERE rowid = ?",
                                 (top,)).fetchone()
        meta = self.conn.execute("SELECT length(value), substr(value, 1, 64), "
                                 "substr(value, -64) FROM meta WHERE key = ?",
                                 (meta_key,)).fetchone()
        return (top, last[0] if last else None, *(meta or ()))

    def queue_facets(self) -> dict[str, list[Any]]:
        """The questions, cohorts and waves that have segments (for the queue chooser)."""
        join = ("FROM segments s JOIN answers a ON a.answer_id = s.answer_id JOIN responses r "
                "ON r.response_id = a.response_id")
        return {"question": [r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT a.question_id {join} ORDER BY a.question_id")],
                "cohort": [r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT r.cohort {join} ORDER BY r.cohort")],
                "wave": [r[0] for r in self.conn.execute(
                    f"SELECT DISTINCT r.wave {join} ORDER BY r.wave")]}

    def add_human_segment(self, segment_id: str, *, answer_id: str, start: int,
                          end: int) -> str:
        """Add a sub-answer segment a person selected (kept by :meth:`replace_segments`).

        Returns:
            Its text (the anonymised answer's ``[start:end]``).

        Raises:
            StoreError: Unknown answer, or offsets outside it.
        """
        row = self.conn.execute("SELECT text FROM answers WHERE answer_id = ?",
                                (answer_id,)).fetchone()
        if row is None:
            raise StoreError(f"span: answer {answer_id!r} is not in the store")
        if not 0 <= int(start) < int(end) <= len(row[0]):
            raise StoreError(f"span of answer {answer_id!r}: offsets {start}-{end} are outside "
                             f"the answer (0-{len(row[0])})")
        text = row[0][int(start):int(end)]
        with self.conn:
            self.conn.execute('INSERT OR IGNORE INTO segments(segment_id, answer_id, start, "end", '
                              "text, origin) VALUES (?, ?, ?, ?, ?, 'human')",
                              (segment_id, answer_id, int(start), int(end), text))
        return text

    def add_memo(self, segment_id: str, *, username: str, text: str,
                 request_key: str | None = None) -> int:
        """A person's memo on a segment; with ``request_key``, a second memo sent by the same
        person under the same key is not stored (the first one's id is returned).

        Returns:
            The memo's id.
        """
        key = None if request_key is None else str(request_key)[:100]
        with self.conn:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO memos(segment_id, username, text, created_at, request_key) "
                "VALUES (?, ?, ?, ?, ?)", (segment_id, username, text, _now(), key))
            if cur.rowcount == 1:
                return int(cur.lastrowid)
            row = self.conn.execute("SELECT memo_id FROM memos WHERE username = ? AND "
                                    "request_key = ?", (username, key)).fetchone()
            return int(row[0])

    def update_memo(self, memo_id: int, *, username: str, text: str) -> bool:
        """Replace the text of one of this person's memos; False when they have no such memo."""
        with self.conn:
            cur = self.conn.execute("UPDATE memos SET text = ?, updated_at = ? WHERE memo_id = ? "
                                    "AND username = ?", (text, _now(), int(memo_id), username))
        return cur.rowcount == 1

    def delete_memo(self, memo_id: int, *, username: str) -> bool:
        """Delete one of this person's memos (its text is gone, not hidden); False when they
        have no such memo."""
        with self.conn:
            cur = self.conn.execute("DELETE FROM memos WHERE memo_id = ? AND username = ?",
                                    (int(memo_id), username))
        return cur.rowcount == 1

    def search_segments(self, query: str = "", *, question_id: str | None = None,
                        cohort: str | None = None, wave: int | None = None,
                        code_ids: Iterable[str] | None = None, code_coder: str | None = None,
                        decided_by: str | None = None, decided: bool | None = None,
                        nobody_decided: bool = False, limit: int = 50) -> list[dict[str, Any]]:
        """Segments whose anonymised answer matches a full-text query (FTS5 over the answers;
        every word must occur, ``word*`` matches a prefix), best match first, with filters.

        Args:
            query: Words to find; blank lists the segments the filters keep, in store order.
            question_id, cohort, wave: Only segments of this question, cohort or wave.
            code_ids: Only segments with a current, not rejected coding of one of these ids
                (by ``code_coder`` only, when given).
            decided_by, decided: With ``decided`` True (False), only segments this person has
                (has not) decided.
            nobody_decided: Only segments no person has decided yet.
            limit: At most this many rows.

        Returns:
            Dicts ``segment_id, answer_id, start, end, text, answer_text, question_id,
            question_text, cohort, wave``.
        """
        words = re.findall(r"\w+\*?", query or "")
        match = " ".join('"' + w.rstrip("*") + '"' + ("*" if w.endswith("*") else "")
                         for w in words)
        sql = ('SELECT s.segment_id, s.answer_id, s.start, s."end", s.text, a.text, '
               "a.question_id, q.text, r.cohort, r.wave FROM segments s "
               "JOIN answers a ON a.answer_id = s.answer_id "
               "LEFT JOIN questions q ON q.question_id = a.question_id "
               "JOIN responses r ON r.response_id = a.response_id")
        where: list[str] = []
        params: list[Any] = []
        if match:
            sql += (" JOIN (SELECT rowid AS fts_row, bm25(answers_fts) AS score FROM answers_fts "
                    "WHERE answers_fts MATCH ?) m ON m.fts_row = a.rowid")
            params.append(match)
        for col, val in (("a.question_id", question_id), ("r.cohort", cohort), ("r.wave", wave)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        if code_ids is not None:
            ids = list(code_ids)
            marks = ", ".join("?" for _ in ids) or "NULL"
            by = " AND c.coder = ?" if code_coder is not None else ""
            where.append("s.segment_id IN (SELECT c.segment_id FROM codings c WHERE c.coding_id "
                         "IN (SELECT MAX(coding_id) FROM codings GROUP BY segment_id, code_id, "
                         f"coder) AND c.code_id IN ({marks}) AND c.status != 'rejected'{by})")
            params += ids + ([code_coder] if code_coder is not None else [])
        if decided is not None and decided_by is not None:
            where.append(f"s.segment_id {'' if decided else 'NOT '}IN (SELECT segment_id FROM "
                         "codings WHERE coder = ? AND source = 'human')")
            params.append(decided_by)
        if nobody_decided:
            where.append("s.segment_id NOT IN (SELECT segment_id FROM codings WHERE "
                         "source = 'human')")
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (" ORDER BY m.score, s.rowid" if match else " ORDER BY s.rowid") + " LIMIT ?"
        params.append(int(limit))
        keys = ("segment_id", "answer_id", "start", "end", "text", "answer_text", "question_id",
                "question_text", "cohort", "wave")
        try:
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError("search: the query could not be read; use plain words") from exc
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def read_memos(self, segment_id: str | None = None) -> pd.DataFrame:
        """Memos (``segment_id, username, text, created_at``), of one segment or all."""
        sql = "SELECT segment_id, username, text, created_at FROM memos"
        params: tuple[Any, ...] = ()
        if segment_id is not None:
            sql, params = sql + " WHERE segment_id = ?", (segment_id,)
        return pd.read_sql_query(sql + " ORDER BY memo_id", self.conn, params=params)

    def assign_segments(self, segment_ids: Iterable[str], usernames: Iterable[str], *,
                        blind: bool, assigned_by: str) -> int:
        """Assign segments to coders for double coding; returns the rows written."""
        rows = [(s, u, int(bool(blind)), assigned_by, _now()) for s in segment_ids
                for u in usernames]
        with self.conn:
            self.conn.executemany("INSERT OR REPLACE INTO assignments(segment_id, username, blind, "
                                  "assigned_by, assigned_at) VALUES (?, ?, ?, ?, ?)", rows)
        return len(rows)

    def read_assignments(self, username: str | None = None) -> pd.DataFrame:
        """Assignments (``segment_id, username, blind, assigned_by, assigned_at``)."""
        sql = "SELECT segment_id, username, blind, assigned_by, assigned_at FROM assignments"
        params: tuple[Any, ...] = ()
        if username is not None:
            sql, params = sql + " WHERE username = ?", (username,)
        df = pd.read_sql_query(sql + " ORDER BY rowid", self.conn, params=params)
        df["blind"] = df["blind"].astype(bool)
        return df

    def add_redaction_mark(self, answer_id: str, *, kind: str, username: str,
                           start: int | None = None, end: int | None = None) -> None:
        """Mark words of an anonymised answer that still identify someone (``kind`` "words",
        with offsets), or the whole answer as never to be quoted (``kind`` "never_quote").

        Raises:
            StoreError: Unknown answer, kind or offsets.
        """
        row = self.conn.execute("SELECT length(text) FROM answers WHERE answer_id = ?",
                                (answer_id,)).fetchone()
        if row is None:
            raise StoreError(f"mark: answer {answer_id!r} is not in the store")
        if kind not in ("words", "never_quote"):
            raise StoreError(f"mark kind must be 'words' or 'never_quote'; got {kind!r}")
        if kind == "words" and (start is None or end is None
                                or not 0 <= int(start) < int(end) <= int(row[0])):
            raise StoreError(f"mark of answer {answer_id!r}: words need offsets inside the "
                             f"answer (0-{row[0]})")
        with self.conn:
            self.conn.execute('INSERT INTO redaction_marks(answer_id, start, "end", kind, username, '
                              "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                              (answer_id, None if start is None else int(start),
                               None if end is None else int(end), kind, username, _now()))

    def read_redaction_marks(self) -> pd.DataFrame:
        """Redaction marks: ``mark_id, answer_id, start, end, kind, username, created_at,
        sent_by, sent_at, words``. ``words`` are the marked words of the anonymised answer while
        the mark is open; once sent to the review workbook (``sent_by``/``sent_at``, see
        :meth:`record_marks_sent`) the answer's text may have changed, so none are given."""
        df = pd.read_sql_query(
            'SELECT m.mark_id, m.answer_id, m.start, m."end", m.kind, m.username, m.created_at, '
            "a.text FROM redaction_marks m LEFT JOIN answers a ON a.answer_id = m.answer_id "
            "ORDER BY m.mark_id", self.conn)
        sent = json.loads(self.get_meta("redaction_marks_sent") or "{}")
        df["sent_by"] = [sent.get(str(i), {}).get("by") for i in df["mark_id"]]
        df["sent_at"] = [sent.get(str(i), {}).get("at") for i in df["mark_id"]]
        df["words"] = [t[int(s):int(e)] if isinstance(t, str) and k == "words" and not by
                       else None for t, s, e, k, by in zip(df["text"], df["start"], df["end"],
                                                           df["kind"], df["sent_by"],
                                                           strict=True)]
        for col in ("words", "sent_by", "sent_at"):
            df[col] = df[col].astype(object).where(df[col].notna(), None)
        return df.drop(columns=["text"])

    def record_marks_sent(self, mark_ids: Iterable[int], *, user: str) -> None:
        """Record that a lead sent these marks' words to the private review workbook's deny
        list (who and when; the words themselves are not kept here)."""
        sent = json.loads(self.get_meta("redaction_marks_sent") or "{}")
        for i in mark_ids:
            sent.setdefault(str(int(i)), {"by": user, "at": _now()})
        self.set_meta("redaction_marks_sent", json.dumps(sent))
