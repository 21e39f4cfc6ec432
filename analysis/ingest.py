"""The ingest stage: read every source, anonymise free text and quasi-identifiers, and fill the
project store. Raw text exists only in memory here; the store receives anonymised text only.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from pathlib import Path

import pandas as pd
import yaml

from survey.atomic import (atomic_open, check_writable)
from survey.config import ProjectConfig
from survey.errors import ConfigError, ToolkitError
from survey.instrument import (Instrument, instrument_to_dict,
                               write_instrument)
from survey.schema import ANSWER_COLUMNS, RESPONSE_COLUMNS, SourceTable
from analysis.store import LOG_COLUMNS
from survey.readers.infer import CHOICE_KINDS
from analysis.project import RunContext, forbidden_dirs, load_instrument, private_path, progress_bar

ANON_BATCH = 256


def ingest(ctx: RunContext) -> dict[str, int]:
    """Read every source, anonymise free text and quasi-identifiers, and fill the store."""
    from survey.anonymise import build_anonymiser, generalise_responses, write_key_file
    from survey.readers import (infer_project_instrument, read_source, reader_for,
                                summarise_source)
    from survey.readers.infer import scrub_option_labels

    from analysis.review import read_review_decisions, write_review
    from survey.anonymise.keyfile import passphrase_from_env
    from survey.anonymise.parallel import anonymise_in_chunks

    cfg = ctx.config
    key = private_path(cfg, ctx.out_dir, cfg.anonymise.key_file, "anonymise.key_file")
    review_dir = private_path(cfg, ctx.out_dir, ctx.review_dir or cfg.anonymise.review_dir,
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
        instrument, n_scrubbed = scrub_option_labels(infer_project_instrument(
            [s for s in cfg.sources if s.kind == "survey"], name=cfg.name,
            min_count=cfg.disclosure.min_count), anonymiser)
        if n_scrubbed:
            ctx.notes.append(f"{n_scrubbed} inferred option label(s) held a possible identifier "
                             "and were left out of the inferred instrument (answers anonymised).")
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
    if inferred:  # written once every source has been read, so a bad export leaves nothing
        write_instrument(instrument, ctx.out_dir / "instrument.inferred.yaml")
        ctx.say(f"  no instrument given: inferred one, written to "
                f"{ctx.out_dir / 'instrument.inferred.yaml'} to edit and reuse")
    responses = pd.concat([t.responses for t in tables], ignore_index=True)
    answers = pd.concat([t.answers for t in tables], ignore_index=True)
    # A closed question no export carries was answered by no one: without a column its table
    # would count every respondent as answering and none as choosing an option.
    absent = [q.id for q in instrument.closed if q.id not in responses.columns]
    for qid in absent:
        responses[qid] = None
    if absent and not inferred:
        where = os.path.relpath(cfg.instrument, cfg.root) if cfg.instrument else "instrument"
        line = (f"{where}: closed question(s) {', '.join(absent)} in no export; every "
                "respondent counts as not answering (remove them there if they were not asked)")
        ctx.say("  warning: " + line)
        ctx.notes.append(line)
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
                     forbid_under=forbidden_dirs(ctx.out_dir))
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
                         "or handle shape, or an identifying role: 'the only <person> at <a "
                         "place>', years of service with a named employer): they are withheld "
                         "from quotes until a person clears "
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

