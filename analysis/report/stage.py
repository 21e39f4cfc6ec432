"""The report stage with its options: draft or final, the editable narrative, QDPX, PDF.

:func:`report` (the run's report stage) reads :func:`report_data` from the store and calls
:func:`report_stage`. It adds
what the project config and the store say about the report (title block, cohort display names,
house template, writers' quote picks, validated prevalence), then:

* ``final=True`` refuses, naming every theme/code figure that is neither human-coded nor a
  validated estimate (:class:`NotFinalError`);
* ``draft_narrative=True`` writes ``narrative.md`` into the project folder; when a
  ``narrative.md`` exists there, its text (with live ``{{...}}`` numbers) replaces the key
  findings and section introductions (:mod:`analysis.narrative`);
* ``with_suggestions=True`` adds the machine suggestions to ``project.qdpx`` as their own user;
* ``report.pdf`` is made from the Word report by LibreOffice (contents list updated, tagged
  for screen readers: :func:`libreoffice_pdf`), or from the HTML by Chromium, when either is
  installed; otherwise a note says how to get one.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.prevalence import prevalence_path, prevalence_section, read_prevalence
from analysis.project import RunContext, stored_instrument
from analysis.report.data import ReportData
from analysis.segment import codable
from analysis.store import Store
from analysis.waves import compare_waves
from codebook.versioning import apply_code_map, current_code_ids
from survey.errors import ToolkitError

NARRATIVE_NAME = "narrative.md"
PDF_TIMEOUT_S = 180


class NotFinalError(ToolkitError):
    """``--final`` was asked for, but some published figures are still drafts."""


def validated_prevalence(store: Any, codebook: Any, seed: int) -> pd.DataFrame | None:
    """``analysis.validation.code_prevalence`` for the active codes, or None when that module
    or the store's validation tables are not there."""
    try:
        from analysis.validation import code_prevalence
    except ImportError:
        return None
    codes = [c.id for c in getattr(codebook, "active_codes", [])]
    if not codes:
        return None
    try:
        return code_prevalence(store, code_ids=codes, seed=seed)
    except (AttributeError, pd.errors.DatabaseError):  # a store without validation tables
        return None


def missing_for_final(tables: Any) -> list[str]:
    """Published theme and code figures that are neither human-coded nor estimated."""
    p = tables.theme_prevalence
    if p is None or not len(p.table):
        return []
    bad = p.table[~p.table["Status"].isin(("human", "estimated"))]
    return [f"{r['Theme']}{'' if r['Level'] == 'theme' else ' / ' + str(r['Code'])} "
            f"({r['Cohort']})" for r in bad.to_dict("records")]


def apply_config(data: Any, ctx: Any) -> Any:
    """Fill the report data from project.yaml's ``report:`` and the store's quote picks and
    validated prevalence."""
    rc = getattr(ctx.config, "report", None)
    if rc is not None:
        data.cohort_names = dict(rc.cohort_names)
        data.title_block = {k: v for k, v in (("title", rc.title),
                                              ("organisation", rc.organisation),
                                              ("date", rc.date), ("version", rc.version)) if v}
    data.quote_picks = ctx.store.read_quote_picks()
    data.prevalence = validated_prevalence(ctx.store, ctx.codebook, ctx.config.seed)
    return data


def with_project(tables: Any, config: Any) -> Any:
    """The tables with what project.yaml says about the chapter: ``about:`` (the
    introduction) and ``services:`` (the local services table)."""
    from dataclasses import asdict, replace

    about = dict(getattr(config, "about", None) or {})
    services = tuple({k: v for k, v in asdict(s).items() if v is not None}
                     for s in getattr(config, "services", None) or ())
    return replace(tables, about=about, services=services) if about or services else tables


AUDIT_NAME = "disclosure_relations.json"
"""What the disclosure audit reads: every published closed-question count (hidden ones without
their value) and the relations between them; ``voices audit-disclosure`` re-runs the attack."""


def audited_problem(data: Any, tables: Any = None) -> Any:
    """Every published count and the relations between them, as the audit reads them
    (:func:`analysis.report.disclosure.published_problem`): closed questions (pooled, per
    cohort, per wave) and, given ``tables``, the theme, topic and wave-theme tables as a reader
    sees them, and the equality tables' closed answers linked to the closed questions. The
    report stage builds it once, for the final audit and the relations file."""
    from analysis.report.disclosure import published_problem
    from analysis.report.equality import equality_tables
    from analysis.summarise import closed_tables

    closed_by_group = [t for t in getattr(tables, "equality", ()) or ()
                       if str(t.key).startswith("equality_closed_")]
    if closed_by_group and getattr(data, "_equality_problem", None) is None:
        equality_tables(data)  # tables built from another data object: decide them here
    return published_problem(data, tables, closed_tables)


def disclosure_audit(data: Any, tables: Any = None, *, problem: Any = None) -> Any:
    """The LP audit of the published counts (:func:`audited_problem`, or ``problem`` when it
    is already built)."""
    from survey.anonymise.disclosure_audit import audit

    return audit(audited_problem(data, tables) if problem is None else problem,
                 min_interval_width=getattr(data.disclosure, "min_interval_width", None))


def _signature(piece: Any) -> tuple:
    """What decides a piece's audit: its cells (status and value) and its relations."""
    return (frozenset((k, piece.status[k], piece.values[k]) for k in piece.status),
            frozenset((t, tuple(parts)) for t, parts in piece.sums),
            frozenset(piece.at_most))


def final_audit(data: Any, problem: Any) -> Any:
    """The audit of ``problem`` (:func:`audited_problem`) for a final report, piece by
    independent piece, leaving out each piece that is exactly one the plan's search has
    already protected (the closed plan's problem, or the equality tables' problem built on
    it, kept on ``data``, with the same cells, statuses,
    values and relations: :func:`~survey.anonymise.disclosure_audit.protect` stops only when
    the audit of that very problem passes, so auditing it again repeats the same LPs). The
    tables as a reader sees them (theme, topic and wave-theme tables) and anything else not in
    the plan are audited. ``voices audit-disclosure`` re-runs the whole attack from
    :data:`AUDIT_NAME` without this shortcut.

    Returns:
        An :class:`~survey.anonymise.disclosure_audit.AuditResult` of the audited pieces.
    """
    from survey.anonymise.disclosure_audit import AuditResult, audit, default_width, split

    width = getattr(data.disclosure, "min_interval_width", None)
    known = set()
    for name in ("_closed_problem", "_equality_problem"):  # each protected until it passed
        proven = getattr(data, name, None)
        known |= {_signature(p) for p in split(proven)} if proven is not None else set()
    cells: list = []
    for piece in split(problem):
        if piece.suppressed() and _signature(piece) not in known:
            cells += audit(piece, min_interval_width=width).cells
    return AuditResult(tuple(cells), default_width(problem.min_count) if width is None
                       else int(width))


def write_audit_relations(data: Any, path: Path, tables: Any = None, *,
                          problem: Any = None) -> Path:
    """Write :data:`AUDIT_NAME` (published values only) of :func:`audited_problem` (or of
    ``problem`` when it is already built), atomically."""
    import json

    from survey.anonymise.disclosure_audit import to_dict
    from survey.atomic import atomic_open

    obj = to_dict(audited_problem(data, tables) if problem is None else problem)
    obj["min_interval_width"] = getattr(data.disclosure, "min_interval_width", None)
    with atomic_open(path) as fh:
        json.dump(obj, fh)
    return path


def report_stage(ctx: Any, data: Any, *, final: bool = False, draft_narrative: bool = False,
                 with_suggestions: bool = False, pdf: bool = True) -> dict[str, int]:
    """Write every report output for a run (see the module docstring).

    Raises:
        NotFinalError: ``final`` and some figures are drafts, or the disclosure audit fails
            (nothing is written).
        ToolkitError: A bad narrative placeholder, or ``narrative.md`` already exists when a
            fresh draft is asked for.
    """
    from analysis import narrative
    from analysis.qdpx import write_qdpx
    from analysis.report.tables import build_tables
    from analysis.report.writers import write_report

    data = apply_config(data, ctx)
    data.final = final
    tables = with_project(build_tables(data), ctx.config)
    if final:
        missing = missing_for_final(tables)
        if missing:
            shown = "; ".join(missing[:12]) + (f"; and {len(missing) - 12} more"
                                               if len(missing) > 12 else "")
            raise NotFinalError(
                f"cannot write a final report: {len(missing)} published theme/code figure(s) "
                f"are drafts (machine suggestions no person has reviewed): {shown}. Review "
                "these codes, or code a validation sample so they can be estimated, then "
                "rerun.")
    # Built once: a final report proves it (what the plan's search has not already proved:
    # final_audit), and every report writes it for voices audit-disclosure.
    problem = audited_problem(data, tables)
    audited = final_audit(data, problem) if final else None
    if audited is not None and not audited.passed:
        raise NotFinalError(f"cannot write a final report: the disclosure audit fails for "
                            f"{len(audited.failures)} suppressed cell(s); run voices "
                            "audit-disclosure on the output folder to see them.")
    path = Path(ctx.config.root) / NARRATIVE_NAME
    if draft_narrative:
        if path.exists():
            raise ToolkitError(f"{path}: already exists; it holds a writer's edits, so it is not "
                               "overwritten. Move it away to draft a fresh one.")
        narrative.write_draft(tables, path)
        ctx.say(f"  narrative: drafted {path}")
    text = narrative.load(tables, path) if path.exists() else None
    if text is not None:
        for line in narrative.stale_numbers(tables, path):
            ctx.say(f"  warning: {line}")
    template = getattr(getattr(ctx.config, "report", None), "template", None)
    files = write_report(data, ctx.out_dir, tables=tables, narrative=text, template=template)
    cb = ctx.codebook
    skipped = write_qdpx(ctx.out_dir / "project.qdpx", project_name=ctx.config.name,
                         answers=data.answers, segments=data.segments,
                         codings=ctx.store.read_codings(), codebook=cb,
                         code_map=current_code_ids(cb), with_suggestions=with_suggestions)
    if skipped:
        ctx.say(f"  project.qdpx: {skipped} coding(s) of codes no longer in the codebook left out")
    write_audit_relations(data, ctx.out_dir / AUDIT_NAME, problem=problem)
    n = len(files) + 2
    if pdf:
        made, note = write_pdf(ctx.out_dir / "report.docx", ctx.out_dir / "report.html",
                               ctx.out_dir / "report.pdf")
        ctx.say(f"  report.pdf: {note}")
        n += int(made)
    return {"files": n}


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


#: LibreOffice Basic run in a throw-away profile: open the Word report hidden, update every
#: index (the contents list, which LibreOffice does not refresh on a plain convert), then
#: export a tagged PDF (structure for screen readers, as the accessibility regulations ask).
_PDF_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub ExportPdf(src As String, dst As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, args())
  idx = doc.getDocumentIndexes()
  For i = 0 To idx.getCount() - 1
    idx.getByIndex(i).update()
  Next i
  Dim fd(0) As New com.sun.star.beans.PropertyValue
  fd(0).Name = &quot;UseTaggedPDF&quot;
  fd(0).Value = True
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;writer_pdf_Export&quot;
  out(1).Name = &quot;FilterData&quot;
  out(1).Value = fd()
  doc.storeToURL(ConvertToURL(dst), out())
  doc.close(True)
End Sub
</script:module>
"""
#: ``--convert-to`` filter options (LibreOffice 7.4 and later): a tagged PDF, used when the
#: macro could not run (the contents list then stays as Word left it).
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def libreoffice_pdf(soffice: str, docx: Path, tmp: Path) -> tuple[Path, bool]:
    """A PDF of ``docx`` by LibreOffice in ``tmp``: contents updated and tagged by a macro in a
    fresh profile; else a tagged plain convert. Returns the path (which may not exist) and
    whether the contents list was updated."""
    profile = tmp / "lo"
    env = f"-env:UserInstallation={profile.as_uri()}"
    src, out = tmp / "report.docx", tmp / "report.pdf"
    shutil.copyfile(docx, src)  # a path the macro call can quote safely
    subprocess.run([soffice, env, "--headless", "--terminate_after_init"],
                   capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if module.parent.is_dir():
        module.write_text(_PDF_MACRO, encoding="utf-8")
        subprocess.run([soffice, env, "--headless", "--invisible",
                        f'macro:///Standard.Module1.ExportPdf("{src}","{out}")'],
                       capture_output=True, timeout=PDF_TIMEOUT_S, check=False)
    if out.exists():
        return out, True
    subprocess.run([soffice, env, "--headless", "--convert-to", TAGGED_PDF, "--outdir",
                    str(tmp), str(src)], capture_output=True, timeout=PDF_TIMEOUT_S, check=True)
    return out, False


def write_pdf(docx: Path, html: Path, pdf: Path) -> tuple[bool, str]:
    """``report.pdf`` from the Word report (LibreOffice) or the HTML (Chromium).

    Returns:
        ``(made, note)``: whether a PDF was written, and a line saying how (or how to get one).
    """
    soffice, chromium = _soffice(), _chromium()
    with tempfile.TemporaryDirectory(prefix="voices-pdf-") as tmp:
        tmp_path = Path(tmp)
        out = tmp_path / (docx.stem + ".pdf")
        try:
            if soffice and docx.exists():
                out, filled = libreoffice_pdf(soffice, docx, tmp_path)
                how = "from the Word report by LibreOffice, tagged" + (
                    ", contents filled" if filled else " (open report.docx to fill the contents)")
            elif chromium and html.exists():
                out = tmp_path / "report.pdf"
                subprocess.run(
                    [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'c'}",
                     "--no-pdf-header-footer", f"--print-to-pdf={out}", html.resolve().as_uri()],
                    capture_output=True, timeout=PDF_TIMEOUT_S, check=True)
                how = "from the HTML report by Chromium"
            else:
                return False, ("skipped: neither LibreOffice nor Chromium is installed (apt-get "
                               "install libreoffice-writer-nogui, or chromium)")
        except (subprocess.SubprocessError, OSError):
            return False, "skipped: the PDF converter failed (the other reports are written)"
        if not out.exists():
            return False, "skipped: the PDF converter wrote nothing"
        from survey.atomic import atomic_path

        with atomic_path(pdf) as dst:
            shutil.copyfile(out, dst)
    return True, f"written {how}"


def report_data(ctx: RunContext) -> ReportData:
    """Everything the report and the emergent-themes outputs read, from the store."""
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
    from ``ctx.report_options`` (see :func:`report_stage`)."""
    return report_stage(ctx, report_data(ctx), **ctx.report_options)
