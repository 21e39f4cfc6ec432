"""The stages of a run, in order: ingest (read + anonymise), segment, suggest, topics, report.

Each stage reads what it needs from the project store and writes its results back, so a
researcher can stop after any stage, review, and go on. Only this module and the CLI import
every package.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from survey.atomic import (WritePolicy, atomic_open, check_writable, create_private_file,
                           ensure_dir, remove_stale_temp_files, write_policy)
from survey.config import ProjectConfig, load_project
from survey.errors import ConfigError, ToolkitError
from survey.instrument import (Instrument, instrument_from_dict, instrument_to_dict,
                               read_instrument, write_instrument)
from survey.schema import ANSWER_COLUMNS, RESPONSE_COLUMNS, SourceTable
from analysis.store import LOG_COLUMNS, STORE_NAME, Store

STAGES = ("ingest", "segment", "suggest", "topics", "report")
ANON_BATCH = 256
CHOICE_KINDS = ("single", "multiple", "likert")
# data/demo in a source tree; an installed wheel carries it as analysis/data/demo (setup.py).
DEMO_PROJECT = next((p for p in (Path(__file__).resolve().parent.parent / "data" / "demo",
                                 Path(__file__).resolve().parent / "data" / "demo")
                     if (p / "project.yaml").is_file()),
                    Path(__file__).resolve().parent.parent / "data" / "demo")
Reporter = Callable[[str], None]


def toolkit_version() -> str:
    """The installed toolkit version."""
    try:
        return metadata.version("survivor-voices")
    except metadata.PackageNotFoundError:
        return "0+unknown"


@dataclass
class RunContext:
    """What every stage needs: the project, the output folder, the store, a reporter."""

    config: ProjectConfig
    out_dir: Path
    store: Store
    say: Reporter = print
    review_dir: Path | None = None
    stages: tuple[str, ...] = STAGES
    codebook: Any = None  # codebook.model.Codebook, loaded once by run_stages when needed
    timings: dict[str, float] = field(default_factory=dict)
    executor: Any = None  # analysis.executor: in-process (None), local processes or Dask
    local_pool: Any = None  # local worker processes (this machine only): may see raw text
    notes: list[str] = field(default_factory=list)
    report_options: dict[str, bool] = field(default_factory=dict)  # analysis.report.stage

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a stage and record it in the store's run history."""
        run_id = self.store.start_run(name, toolkit_version())
        self.notes = []
        t0 = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - t0
        if name != "report":
            self.store.set_meta(f"notes.{name}", "\n".join(self.notes))
        self.store.finish_run(run_id)

    def stored_notes(self) -> list[str]:
        """Method notes recorded by earlier stages (no original values in them)."""
        notes: list[str] = []
        for stage in STAGES:
            notes.extend(n for n in (self.store.get_meta(f"notes.{stage}") or "").split("\n")
                         if n)
        return list(dict.fromkeys(notes))


@contextmanager
def progress_bar(total: int, description: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on an interactive terminal; silent in CI or when output is piped.

    Yields:
        A function to call with the number of items just done.
    """
    if not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda _n: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


def resolve_project(project: str | Path | None) -> Path:
    """The project folder: the given one, or the shipped demo."""
    return Path(project) if project is not None else DEMO_PROJECT


def default_out_dir(config: ProjectConfig, root: Path | None = None) -> Path:
    """``outputs/<project folder name>/`` under the current directory."""
    return (root or Path.cwd()) / "outputs" / config.root.name


def review_dir_for(project: str | Path) -> Path:
    """The review folder of a project: ``anonymise.review_dir``, else ``<project>/private_review``."""
    config = load_project(project)
    return config.anonymise.review_dir or (config.root / "private_review")


def load_instrument(config: ProjectConfig) -> Instrument | None:
    """The project's instrument, or None when it is to be inferred from the exports."""
    return read_instrument(config.instrument) if config.instrument else None


def stored_instrument(store: Store) -> Instrument:
    """The instrument the last ingest used (given or inferred), from the store.

    Raises:
        ToolkitError: Nothing has been ingested into this store yet.
    """
    raw = store.get_meta("instrument")
    if raw is None:
        raise ToolkitError(f"{store.path}: nothing ingested yet; run `voices ingest` first")
    return instrument_from_dict(yaml.safe_load(raw), path=store.path)


def _private_path(config: ProjectConfig, out_dir: Path, path: Path | None,
                  key: str) -> Path | None:
    """Resolve a private path (key file, review folder) and refuse one under ``outputs/``."""
    if path is None:
        return None
    path = (path if path.is_absolute() else (config.root / path)).resolve()
    for forbidden in _forbidden_dirs(out_dir):
        if path.is_relative_to(forbidden):
            raise ConfigError(config.config_path, key,
                              "this private file must be written outside outputs/")
    return path


def _forbidden_dirs(out_dir: Path) -> list[Path]:
    return [out_dir.resolve(), (Path.cwd() / "outputs").resolve()]


# -- protecting inputs (issue 16) --------------------------------------------------------------
def input_folders(config: ProjectConfig) -> list[Path]:
    """Folders of the project's inputs: each folder source, and each export's folder."""
    return list(dict.fromkeys(s.path if s.path.is_dir() else s.path.parent
                              for s in config.sources))


def input_policy(config: ProjectConfig) -> WritePolicy:
    """The write policy of a run: the project's inputs (sources, config, instrument, codebook,
    prevalence table) are never written, nothing is written inside a folder of sources (the
    project folder itself excepted: the review folder and a key file may live there), and new
    files and folders get the configured modes."""
    from analysis.prevalence import prevalence_path

    files = [s.path for s in config.sources if not s.path.is_dir()]
    files += [p for p in (config.config_path, config.instrument, config.codebook,
                          prevalence_path(config.config_path)) if p is not None]
    dirs = [d for d in input_folders(config) if d != config.root]
    return WritePolicy.protecting(files, dirs, file_mode=config.output.file_mode,
                                  dir_mode=config.output.dir_mode)


def check_out_dir(config: ProjectConfig, out_dir: Path) -> Path:
    """Refuse an output folder that is, contains or sits inside a source or a folder of sources.
    The project folder is the one exception: an output folder may sit inside it (running from
    the project folder puts the default ``outputs/`` there), but may not be it when a source
    lies directly in it.

    Raises:
        ToolkitError: The folder would put outputs among the inputs (names the source).
    """
    out = out_dir.expanduser().resolve()
    for src in config.sources:
        where = ("is" if out == src.path else "contains" if src.path.is_relative_to(out)
                 else "sits inside" if src.path.is_dir() and out.is_relative_to(src.path)
                 else None)
        if where:
            raise ToolkitError(f"{out_dir}: the output folder {where} the source {src.path}; "
                               "inputs are read-only, so choose an output folder outside them")
    for folder in input_folders(config):
        if out == folder or (folder != config.root and out.is_relative_to(folder)):
            where = "is" if out == folder else "sits inside"
            raise ToolkitError(f"{out_dir}: the output folder {where} {folder}, a folder of this "
                               "project's inputs; choose an output folder outside it")
    return out


@contextmanager
def open_output(config: ProjectConfig, out_dir: Path, *, say: Reporter = print,
                command: str = "") -> Iterator[Path]:
    """Make the output folder ready for a run and hold it: inputs checked and protected for
    every write, the folder created (mode ``output.dir_mode``), the run lock taken, leftovers of
    an interrupted run removed, and the store file created with ``output.file_mode``.

    Raises:
        ToolkitError: The folder is among the inputs, or another run holds it.
    """
    from survey.runlock import run_lock

    check_out_dir(config, out_dir)
    with write_policy(input_policy(config)) as policy:
        ensure_dir(out_dir)
        with run_lock(out_dir, command=command, mode=policy.file_mode, say=say):
            n = remove_stale_temp_files(out_dir)
            if n:
                say(f"  removed {n} temporary file(s) left by an interrupted run")
            create_private_file(out_dir / STORE_NAME)
            yield out_dir


# -- stages ------------------------------------------------------------------------------------
def ingest(ctx: RunContext) -> dict[str, int]:
    """Read every source, anonymise free text and quasi-identifiers, and fill the store."""
    from survey.anonymise import build_anonymiser, generalise_responses, write_key_file
    from survey.readers import (infer_project_instrument, read_source, reader_for,
                                summarise_source)

    from analysis.review import read_review_decisions, write_review
    from survey.anonymise.keyfile import passphrase_from_env
    from survey.anonymise.parallel import anonymise_in_chunks

    cfg = ctx.config
    key = _private_path(cfg, ctx.out_dir, cfg.anonymise.key_file, "anonymise.key_file")
    review_dir = _private_path(cfg, ctx.out_dir, ctx.review_dir or cfg.anonymise.review_dir,
                               "anonymise.review_dir")
    review_book = review_dir / "review.xlsx" if review_dir else None
    _check_private_destinations(cfg, key, review_dir)
    decisions = (read_review_decisions(review_book)
                 if review_book is not None and review_book.is_file() else None)
    anonymiser = build_anonymiser(cfg.anonymise, spacy_model=cfg.spacy_model,
                                  decisions=decisions)
    instrument = load_instrument(cfg)
    inferred = instrument is None
    if instrument is None:
        instrument, n_scrubbed = _scrub_inferred_options(infer_project_instrument(
            [s for s in cfg.sources if s.kind == "survey"], name=cfg.name,
            min_count=cfg.disclosure.min_count), anonymiser)
        if n_scrubbed:
            ctx.notes.append(f"{n_scrubbed} inferred option label(s) held a possible identifier "
                             "and were left out of the inferred instrument (answers anonymised).")
        write_instrument(instrument, ctx.out_dir / "instrument.inferred.yaml")
        ctx.say(f"  no instrument given: inferred one, written to "
                f"{ctx.out_dir / 'instrument.inferred.yaml'} to edit and reuse")
    tables: list[SourceTable] = []
    for src in cfg.sources:
        label = os.path.relpath(src.path, cfg.root)
        reader = reader_for(src)
        table = read_source(src, instrument, source_label=label, reader=reader,
                            keep_columns=cfg.anonymise.keep_columns)
        tables.append(table)
        ctx.say("  " + summarise_source(table, platform=reader.name).replace("\n", "\n  "))
        for (qid, _label), n in sorted(table.unknown_labels.items()):
            if inferred and qid in _write_in_questions(instrument):
                continue  # grouped into "Other" below
            ctx.notes.append(f"{label}: {n} answer(s) to {qid} matched no option and were kept "
                             "as given")
        for warning in table.warnings:
            ctx.notes.append(f"{label}: {warning}")
    responses = pd.concat([t.responses for t in tables], ignore_index=True)
    answers = pd.concat([t.answers for t in tables], ignore_index=True)
    if inferred:  # before anything is stored or anonymised
        responses, n_written = _group_write_ins(responses, instrument)
        if n_written:
            ctx.notes.append(f"{n_written} written-in answer(s) given by fewer than "
                             f"{cfg.disclosure.min_count} respondents were grouped into "
                             "\"Other\"; their text is not stored (it stays in the export).")
    closed = [q.id for q in instrument.closed if q.id in responses.columns]
    kept = [c for c in responses.columns if c not in RESPONSE_COLUMNS and c not in closed]
    responses = responses[list(RESPONSE_COLUMNS) + closed + kept]
    extra: dict[str, set[str]] = {}
    for t in tables:
        for rid, names in t.extra_names.items():
            extra.setdefault(rid, set()).update(names)
    texts, rids = answers["text"].tolist(), answers["response_id"].tolist()
    # detection on the run's local worker processes (never a cluster) when there is enough
    # text for two partitions; replacement here, in order: the same result either way
    pool = ctx.local_pool
    parallel = pool is not None and len(texts) >= 2 * cfg.executor.partition_size
    with progress_bar(len(texts), "anonymising") as advance:
        results = anonymise_in_chunks(anonymiser, texts, rids, [extra.get(r, set()) for r in rids],
                                      chunk_size=ANON_BATCH, advance=advance,
                                      imap=pool.imap if parallel else None)
    if review_book is not None:
        write_review(review_book, texts, answers["answer_id"].tolist(), results,
                     allow=cfg.anonymise.allow, previous=decisions,
                     forbid_under=_forbidden_dirs(ctx.out_dir))
        ctx.say(f"  review workbook written to {review_book} (private: owner-only)")
    if decisions is not None:
        applied = Counter(row["decision"] for row in anonymiser.decision_log_)
        ctx.notes.append("Review decisions applied: " + (", ".join(
            f"{k} {v}" for k, v in sorted(applied.items())) or "none"))
    flagged = _flag_possible_identifiers(texts, answers["answer_id"].tolist(), results,
                                         allow=list(cfg.anonymise.allow)
                                         + list(decisions.allow if decisions else ()),
                                         cleared=decisions.cleared if decisions else frozenset())
    ctx.store.set_meta("flagged_answers", json.dumps(flagged))
    if flagged:
        ctx.notes.append(f"{len(flagged)} answer(s) still hold a suspicious token after "
                         "anonymisation (an unknown capitalised word, a long number, an e-mail "
                         "or handle shape): they are withheld from quotes until a person clears "
                         "them (`ignore` in the review workbook, or the workspace).")
    del texts  # the original text goes no further than this point
    answers = answers.assign(text=[r.text for r in results])[list(ANSWER_COLUMNS)]
    responses, n_free = _anonymise_unknown_labels(responses, instrument, anonymiser)
    if n_free:
        ctx.notes.append(f"{n_free} closed answer(s) that matched no option held a possible "
                         "identifier and were anonymised like free text.")
    closed_counts = count_closed(responses, instrument)  # one-way tables, before k-anonymity
    responses, gen = generalise_responses(responses, instrument,
                                          min_count=cfg.disclosure.min_count)
    ctx.notes.append(
        f"Quasi-identifiers ({', '.join(gen.questions) or 'none'}) checked for k-anonymity per "
        f"cohort with k={gen.min_count}: {gen.rare_rows_before} rare row(s) before, "
        f"{gen.rare_rows_after} after generalisation; {sum(gen.cells_withheld.values())} "
        f"cell(s) withheld; {gen.rows_flagged} row(s) still flagged.")

    log_rows = _log_rows(answers, results)
    ctx.store.replace_survey_data(instrument, responses, answers)
    ctx.store.replace_closed_counts(closed_counts)
    ctx.store.replace_anonymisation_log(log_rows)
    _write_log_csv(ctx.out_dir / "anonymisation_log.csv", log_rows)
    if key is not None:
        write_key_file(key, anonymiser.key_entries(), passphrase=passphrase_from_env())
        ctx.say(f"  re-identification key written to {key} (owner-only; keep it safe)")
    by_label = Counter(r["label"] for r in log_rows)
    ctx.store.set_meta("anonymisation_summary",
                       ";".join(f"{k}={v}" for k, v in sorted(by_label.items())))
    ctx.store.set_meta("project_name", cfg.name)
    ctx.store.set_meta("instrument", yaml.safe_dump(instrument_to_dict(instrument),
                                                    sort_keys=False, allow_unicode=True))
    return {"responses": len(responses), "answers": len(answers), "redactions": len(log_rows)}


def _check_private_destinations(cfg: ProjectConfig, key: Path | None,
                                review_dir: Path | None) -> None:
    """Before any work: the key file and the review workbook may only replace the toolkit's own
    files, never an input or someone's document."""
    from analysis.review import REVIEW_FILE, check_review_destination
    from survey.anonymise.keyfile import check_key_destination

    try:
        if key is not None:
            check_key_destination(check_writable(key))
    except ToolkitError as exc:
        raise ConfigError(cfg.config_path, "anonymise.key_file", str(exc)) from None
    try:
        if review_dir is not None:
            if review_dir.exists() and not review_dir.is_dir():
                raise ToolkitError(f"{review_dir}: an existing file, not a folder")
            check_review_destination(check_writable(review_dir / REVIEW_FILE))
    except (ToolkitError, ValueError) as exc:
        raise ConfigError(cfg.config_path, "anonymise.review_dir", str(exc)) from None


def _write_log_csv(path: Path, rows: list[dict]) -> None:
    with atomic_open(path, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(LOG_COLUMNS))
        writer.writeheader()
        writer.writerows(rows)


def count_closed(responses: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """One-way counts of closed answers per cohort and wave, survey respondents only.

    Counted before quasi-identifiers are generalised, so published one-way tables keep their
    detail (they go through disclosure control) while stored rows are k-anonymised.

    Returns:
        ``cohort, wave, question_id, value, n``; ``value`` None counts "no answer"; a
        multiple-choice respondent counts once per option ticked.
    """
    surveyed = responses[responses["kind"] != "interview"]
    rows: list[dict] = []
    for q in instrument.closed:
        if q.id not in surveyed.columns:
            continue
        for (cohort, wave), group in surveyed.groupby(["cohort", "wave"], sort=True):
            tally: Counter = Counter()
            for value in group[q.id]:
                if isinstance(value, list | tuple):
                    chosen = [str(v) for v in dict.fromkeys(value) if v is not None]
                    tally.update(chosen or [None])
                elif value is None or (isinstance(value, float) and pd.isna(value)):
                    tally[None] += 1
                else:
                    tally[str(value)] += 1
            rows.extend({"cohort": cohort, "wave": int(wave), "question_id": q.id,
                         "value": v, "n": n} for v, n in tally.items())
    out = pd.DataFrame(rows, columns=["cohort", "wave", "question_id", "value", "n"])
    out["value"] = out["value"].astype(object).where(out["value"].notna(), None)
    return out


def _scrub_inferred_options(instrument: Instrument,
                            anonymiser) -> tuple[Instrument, int]:  # noqa: ANN001
    """Drop inferred option labels in which the anonymiser finds an identifier.

    An inferred instrument takes its options from the answers themselves, and it is written out
    and stored; a label left out becomes an unknown answer, which is anonymised like free text.
    """
    labels = [(qi, o.label) for qi, q in enumerate(instrument.questions)
              if q.kind in CHOICE_KINDS for o in q.options]
    if not labels:
        return instrument, 0
    results = anonymiser.anonymise_batch([label for _, label in labels],
                                         respondent_ids=["(instrument)"] * len(labels))
    bad = {(qi, label) for (qi, label), res in zip(labels, results, strict=True)
           if res.detections}
    questions = []
    for qi, q in enumerate(instrument.questions):
        if q.kind in CHOICE_KINDS:
            kept = tuple(o for o in q.options if (qi, o.label) not in bad)
            # with no option left the column is read as free text, and anonymised as such
            q = replace(q, options=kept) if kept else replace(q, kind="text", options=())
        questions.append(q)
    return replace(instrument, questions=tuple(questions)), len(bad)


def _write_in_questions(instrument: Instrument) -> dict[str, str]:
    """``question id -> "Other" label`` of the inferred single-choice questions whose rare
    options were grouped (:func:`survey.readers.infer.group_rare_options`)."""
    from survey.readers.infer import WRITE_IN_OTHER

    return {q.id: o.label for q in instrument.questions if q.kind == "single"
            for o in q.options if o.label == WRITE_IN_OTHER}


def _group_write_ins(responses: pd.DataFrame,
                     instrument: Instrument) -> tuple[pd.DataFrame, int]:
    """With an inferred instrument, an answer that matches no inferred option is a write-in
    given by fewer than ``disclosure.min_count`` respondents: its closed value becomes "Other",
    never a category of its own. Its text is not kept anywhere: a rare write-in (a gender in
    the person's own words, a name typed in lower case that no recognizer sees) is exactly what
    disclosure control hides, so quoting it as free text would publish it after all. Returns
    the frame and how many values were grouped."""
    targets = _write_in_questions(instrument)
    labels = {q.id: set(q.labels) for q in instrument.questions if q.id in targets}
    out = responses.copy()
    n = 0
    for qid, other in targets.items():
        if qid not in out.columns:
            continue
        for i, value in enumerate(out[qid]):
            if isinstance(value, str) and value not in labels[qid]:
                out.at[out.index[i], qid] = other
                n += 1
    return (out, n) if n else (responses, 0)


def _anonymise_unknown_labels(responses: pd.DataFrame, instrument: Instrument,
                              anonymiser) -> tuple[pd.DataFrame, int]:  # noqa: ANN001
    """Closed answers that match no option are kept as typed, so they may hold free text:
    run them through the anonymiser too. Returns the frame and how many were changed."""
    todo: list[tuple[int, str, int | None, str]] = []  # row, column, list index, value
    for q in instrument.closed:
        if q.id not in responses.columns or q.kind not in CHOICE_KINDS:
            continue
        known = set(q.labels)
        for i, value in enumerate(responses[q.id]):
            if isinstance(value, list):
                todo.extend((i, q.id, j, v) for j, v in enumerate(value)
                            if isinstance(v, str) and v not in known)
            elif isinstance(value, str) and value not in known:
                todo.append((i, q.id, None, value))
    if not todo:
        return responses, 0
    rids = [str(responses["response_id"].iloc[i]) for i, *_ in todo]
    results = anonymiser.anonymise_batch([v for *_, v in todo], respondent_ids=rids)
    out = responses.copy()
    changed = 0
    for (i, col, j, value), res in zip(todo, results, strict=True):
        if res.text == value:
            continue
        changed += 1
        if j is None:
            out.at[out.index[i], col] = res.text
        else:
            items = list(out.at[out.index[i], col])
            items[j] = res.text
            out.at[out.index[i], col] = items
    return out, changed


def _flag_possible_identifiers(texts: list[str], ids: list[str], results: list, *,
                               allow: list[str],
                               cleared: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """Answer ids withheld from quotes until a person clears them: the ANONYMISED text holds a
    suspicious token (:mod:`survey.anonymise.suspicious`), or the original holds a rare proper
    noun or long number no recognizer redacted (the review workbook's list). A token a reviewer
    marked ``ignore`` for that answer (``cleared``) no longer counts. Only ids leave here."""
    from analysis.review import possible_identifiers
    from survey.anonymise.decisions import text_key
    from survey.anonymise.suspicious import allow_regex, suspicious_tokens

    rare = possible_identifiers(texts, [r.detections for r in results], allow=allow)
    rx = allow_regex(allow)
    out = []
    for text, aid, res, spans in zip(texts, ids, results, rare, strict=True):
        anon = getattr(res, "text", None)
        if anon is None:  # detections only: check the original outside them
            toks = [text[s:e] for s, e, _ in suspicious_tokens(
                text, skip=[(d.start, d.end) for d in res.detections], allow_re=rx)]
        else:
            toks = [anon[s:e] for s, e, _ in suspicious_tokens(anon, allow_re=rx)]
        toks += [text[s:e] for s, e, _ in spans]
        key = text_key(text)
        if any((key, t.casefold()) not in cleared for t in toks):
            out.append(aid)
    return out


def _log_rows(answers: pd.DataFrame, results: list) -> list[dict]:  # noqa: ANN001
    """Audit rows with offsets of each placeholder in the ANONYMISED text; no original value."""
    rows = []
    for a, res in zip(answers.to_dict("records"), results, strict=True):
        shift = 0
        for det, new in res.replacements:
            start = det.start + shift
            shift += len(new) - (det.end - det.start)
            rows.append({"answer_id": a["answer_id"], "response_id": a["response_id"],
                         "question_id": a["question_id"], "label": det.entity,
                         "recognizer": det.recognizer, "score": round(det.score, 3),
                         "reason": det.reason,
                         "decision": ("redact (review)" if det.reason == "review_decision"
                                      else "redact"),
                         "placeholder": new, "start": start,
                         "end": start + len(new)})
    return rows


def codable(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers that are coded, modelled and quoted: interviewer turns stay in the store for
    context but are left out."""
    from survey.readers import is_context_question

    context = answers["question_id"].map(is_context_question).astype(bool)
    return answers[~context].reset_index(drop=True)


def segment(ctx: RunContext) -> dict[str, int]:
    """Split anonymised answers into codable segments."""
    from analysis.segment import segment_answers
    from survey.nlp import load_nlp

    answers = codable(ctx.store.read_answers())
    segments = segment_answers(answers, nlp=load_nlp(ctx.config.spacy_model))
    ctx.store.replace_segments(segments)
    return {"segments": len(segments)}


def _embedder(ctx: RunContext):  # noqa: ANN202
    from analysis.embed import CachedEmbedder, make_embedder

    tp = ctx.config.topics
    return CachedEmbedder(make_embedder(fast=tp.fast, model_dir=tp.embedding_model,
                                        seed=ctx.config.seed,
                                        precision=tp.embedding_precision), ctx.store)


def load_codebook(config: ProjectConfig):  # noqa: ANN201
    """The project's codebook (required for suggestions and reports)."""
    from codebook.io import read_codebook

    if config.codebook is None:
        raise ConfigError(config.config_path, "codebook", "a codebook file is required")
    cb = read_codebook(config.codebook)
    cb.check()
    return cb


def suggest(ctx: RunContext) -> dict[str, int]:
    """Machine code suggestions for every segment (a person accepts or rejects them later)."""
    from analysis.coding_io import ORDER_META
    from analysis.executor import InProcessExecutor
    from analysis.suggest import ensemble_suggestions, suggest_codings
    from survey.nlp import load_nlp

    segments = ctx.store.read_segments()
    cb = ctx.codebook
    embedder = _embedder(ctx)
    existing = ctx.store.read_codings()
    n_parts = -(-len(segments) // ctx.config.executor.partition_size)
    # spaCy is loaded here only when this process needs it: the partitions run here, or the
    # ensemble trains on people's codes (workers load their own; issue 15: memory)
    nlp = (load_nlp(ctx.config.spacy_model) if embedder.transductive
           or (ctx.executor or InProcessExecutor()).runs_here(n_parts)
           or bool((existing["source"] == "human").any()) else None)
    codings = (_suggest_in_partitions(ctx, segments, nlp, embedder)  # issue 15
               if not embedder.transductive
               else suggest_codings(segments, cb, nlp=nlp, embedder=embedder))
    run = ensemble_suggestions(segments, existing, cb, nlp=nlp,
                               embedder=embedder, seed=ctx.config.seed)
    if run is not None:  # the store has accepted human codes to learn from
        codings = pd.concat([codings, run.codings], ignore_index=True)
        ctx.store.set_meta(ORDER_META, json.dumps(run.order))  # "code these next" order
        ctx.notes.append(f"Ensemble suggestions trained on {run.trained_on} human-coded "
                         "segment(s); per-code thresholds by 3-fold cross-validation.")
    ctx.store.replace_suggestions(codings)
    return {"suggestions": len(codings)}


def topics(ctx: RunContext) -> dict[str, int]:
    """Emergent themes: a topic model over the anonymised answers, mapped to the codebook."""
    from analysis.report.emergent import write_emergent_outputs
    from analysis.topics import TopicModel, answer_codes, is_non_answer, map_topics_to_codes

    if not ctx.config.topics.enabled:
        return {"topics": 0}
    answers = codable(ctx.store.read_answers())
    embedder = _embedder(ctx)
    _embed_in_partitions(ctx, [str(t) for t in answers["text"] if not is_non_answer(t)],
                         embedder)  # the texts TopicModel.fit embeds, in the same order
    model = TopicModel(embedder=embedder, seed=ctx.config.seed, n_topics=ctx.config.topics.n_topics)
    result = model.fit(answers["text"].tolist(), answers["answer_id"].tolist())
    coded = answer_codes(ctx.store.read_codings(), ctx.store.read_segments())
    result = map_topics_to_codes(result, ctx.codebook, embedder=embedder, coded=coded)
    ctx.store.replace_topics(result.topics, result.assignments, result.coords)
    ctx.notes.extend(result.warnings)
    ctx.notes.append(f"Topic model: {result.n_non_answers} non-answers (such as 'n/a') set aside; "
                     f"{len(result.topics)} topics" + (" (fallback clusterer)" if
                                                       result.fallback_used else ""))
    if "report" not in ctx.stages:  # `voices topics` alone: update the workbook's sheet now
        write_emergent_outputs(report_data(ctx), ctx.out_dir)
    return {"topics": len(result.topics)}


# -- partitions, in-process or on a cluster (issue 15) -----------------------------------------
def _cluster_settings(ctx: RunContext, embedder) -> dict:  # noqa: ANN001
    model_dir = ctx.config.topics.embedding_model
    return {"model_name": embedder.name, "model_dir": str(model_dir) if model_dir else None,
            "seed": ctx.config.seed, "partition_size": ctx.config.executor.partition_size,
            # resolved here, so workers on other machines compute what this one would
            "precision": getattr(embedder.embedder, "precision", "float32")}


def _embed_in_partitions(ctx: RunContext, texts: list[str], embedder) -> None:  # noqa: ANN001
    """Fill the store's embedding cache partition by partition (on the cluster when the run has
    one): memory grows with the partition, not the corpus, and a cluster run's vectors equal an
    in-process run's bit for bit. A transductive embedder is left to embed whole batches."""
    from analysis.executor import InProcessExecutor, embed_into_cache

    if embedder.transductive:
        return
    embed_into_cache(ctx.executor or InProcessExecutor(), texts, store=ctx.store,
                     local_embedder=embedder.embedder, **_cluster_settings(ctx, embedder))


def _suggest_in_partitions(ctx: RunContext, segments: pd.DataFrame, nlp,  # noqa: ANN001
                           embedder) -> pd.DataFrame:  # noqa: ANN001
    """Rules and similarity suggestions partition by partition: on the cluster when the run has
    one, else here with the run's own models; the same rows as one call over every segment."""
    from analysis.executor import InProcessExecutor, suggest_on_executor

    return suggest_on_executor(ctx.executor or InProcessExecutor(), segments, ctx.codebook,
                               store=ctx.store, spacy_model=ctx.config.spacy_model,
                               local_nlp=nlp, local_embedder=embedder.embedder,
                               **_cluster_settings(ctx, embedder))


def report_data(ctx: RunContext):  # noqa: ANN201 (analysis.report.data.ReportData)
    """Everything the report and the emergent-themes outputs read, from the store."""
    from analysis.prevalence import prevalence_path, prevalence_section, read_prevalence
    from analysis.report.data import ReportData
    from analysis.waves import compare_waves
    from codebook.versioning import apply_code_map, current_code_ids

    store, cb = ctx.store, ctx.codebook
    topics_df, assignments = store.read_topics()
    summary = store.get_meta("anonymisation_summary") or ""
    anon = {k: int(v) for k, v in (p.split("=") for p in summary.split(";") if p)}
    data = ReportData(
        project_name=ctx.config.name, instrument=stored_instrument(store),
        responses=store.read_responses(), answers=codable(store.read_answers()),
        segments=store.read_segments(),
        codings=apply_code_map(store.read_codings(), current_code_ids(cb)),
        codes=cb.to_frame(), disclosure=ctx.config.disclosure,
        topics=topics_df if len(topics_df) else None,
        topic_assignments=assignments[["id", "topic_id"]] if len(assignments) else None,
        topic_coords=assignments[["id", "x", "y"]].dropna() if len(assignments) else None,
        closed_counts=store.read_closed_counts(),
        flagged_segments=_flagged_segments(store),
        quote_picks=store.read_quote_picks(),  # writers' stars and never-quote (workspace)
        anonymisation_summary=anon, notes=ctx.stored_notes())
    data.extra_sections.extend(compare_waves(data))  # [] when the project has one wave
    prevalence = prevalence_path(ctx.config.config_path)
    if prevalence is not None:
        data.extra_sections.append(prevalence_section(
            read_prevalence(prevalence), min_count=ctx.config.disclosure.min_count))
    return data


def _flagged_segments(store: Store) -> frozenset[str]:
    """Segments of answers flagged at ingest as holding a possible identifier and not cleared by
    a person (``Store.clear_flagged_answers``): never quoted."""
    flagged = store.read_flagged_answers()
    segments = store.read_segments()
    return frozenset(segments.loc[segments["answer_id"].isin(flagged), "segment_id"])


def report(ctx: RunContext) -> dict[str, int]:
    """Disclosure-safe tables, quotes, charts and the workbook, HTML, Word (and PDF) reports,
    ``project.qdpx``; options (``--final``, ``--draft-narrative``, ``--with-suggestions``) come
    from ``ctx.report_options`` (see :mod:`analysis.report.stage`)."""
    from analysis.report.stage import report_stage

    return report_stage(ctx, report_data(ctx), **ctx.report_options)


STAGE_FUNCS: dict[str, Callable[[RunContext], dict[str, int]]] = {
    "ingest": ingest, "segment": segment, "suggest": suggest, "topics": topics, "report": report}


def run_stages(project: str | Path | None, *, out_dir: str | Path | None = None,
               stages: tuple[str, ...] = STAGES, say: Reporter = print,
               review_dir: str | Path | None = None, cluster: str | None = None,
               report_options: dict[str, bool] | None = None) -> RunContext:
    """Run the named stages in order on a project.

    Args:
        project: The project folder (or its ``project.yaml``); None for the shipped demo.
        out_dir: Output folder; default ``outputs/<project folder name>/``.
        stages: Which stages, in pipeline order.
        say: Where progress lines go.
        cluster: Run embedding and suggestion on a Dask cluster: a scheduler address or
            ``local:N``; overrides the config's ``executor``. Default: the config's, else
            in-process.
        review_dir: Private folder (outside outputs/) for the anonymisation review workbook;
            overrides the config's ``anonymise.review_dir``.
        report_options: Options of the report stage (``final``, ``draft_narrative``,
            ``with_suggestions``; see :func:`analysis.report.stage.report_stage`).

    Returns:
        The run context (timings, notes, output folder).

    Raises:
        ToolkitError: Any bad input, with file, row and column where they apply; an output
            folder among the inputs; another run holding the output folder.
    """
    unknown = [s for s in stages if s not in STAGE_FUNCS]
    if unknown:
        raise ToolkitError(f"unknown stage {unknown[0]!r}; known: {', '.join(STAGES)}")
    config = load_project(resolve_project(project))
    # Check every file the stages will need before anything is written.
    if "ingest" in stages:
        for src in config.sources:
            if not src.path.exists():
                raise ToolkitError(f"{src.path}: export not found (listed in "
                                   f"{config.config_path})")
        load_instrument(config)
    codebook = load_codebook(config) if set(stages) & {"suggest", "topics", "report"} else None
    address = cluster or config.executor.address
    executor = pool = None
    if config.executor.n_workers > 1 and set(stages) & {"ingest", "suggest", "topics"}:
        from analysis.executor import ProcessExecutor

        pool = ProcessExecutor(workers=config.executor.n_workers)  # started on first use
    if address and set(stages) & {"suggest", "topics"}:
        from analysis.executor import make_executor

        executor = make_executor(address)  # checked before anything is written; starts on use
    else:
        executor = pool
    out = Path(out_dir) if out_dir is not None else default_out_dir(config)
    with open_output(config, out, say=say, command="voices " + " ".join(stages)), \
            Store(out / STORE_NAME) as store:
        ctx = RunContext(config=config, out_dir=out, store=store, say=say, stages=stages,
                         codebook=codebook, executor=executor, local_pool=pool,
                         review_dir=Path(review_dir) if review_dir is not None else None,
                         report_options=dict(report_options or {}))
        if address and executor is not None:
            say(f"  cluster: {address} (embedding and suggestions; anonymised text only)")
        try:
            for name in STAGES:
                if name in stages:
                    say(f"{name}...")
                    with ctx.stage(name):
                        try:
                            counts = STAGE_FUNCS[name](ctx)
                        finally:
                            if pool is not None:  # workers hold this stage's models: let the
                                pool.close()  # next stage start fresh ones (memory, issue 15)
                    say(f"{name}: " + ", ".join(f"{v} {k}" for k, v in counts.items()) +
                        f" ({ctx.timings[name]:.1f}s)")
        finally:
            for ex in {id(e): e for e in (executor, pool) if e is not None}.values():
                ex.close()
    return ctx
