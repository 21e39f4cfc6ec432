"""Starting a project from a folder of exports and transcripts (``voices init``).

:func:`propose_project` looks at every file under a folder and proposes a project: each export's
platform (:func:`survey.readers.detect`), a cohort (from the file name, else from the questions
asked), a wave (from the file name), the identifying columns the readers will drop, the date
order where dates are ambiguous, and one instrument inferred from all the exports
(:func:`survey.readers.infer_project_instrument`). A file that cannot be read becomes one line in
:attr:`ProjectProposal.unreadable`; the project is proposed for the rest.

:func:`survey.project_files.write_project` writes the proposal out.

Raw answers are read into memory only, as ingest does; what is written holds headers, counts
and option labels that at least ``disclosure.min_count`` respondents gave and in which the
anonymiser finds no identifier, never an answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from survey.config import DisclosureConfig, SourceConfig
from survey.errors import InputFileError
from survey.instrument import Instrument
from survey.readers import detect, infer_instrument, infer_project_instrument, read_source
from survey.readers.common import REFUSED_SUFFIXES
from survey.readers.detect import TABULAR_SUFFIXES
from survey.readers.infer import slugify
from survey.readers.registry import PLATFORM_READERS
from survey.readers.transcripts import TRANSCRIPT_SUFFIXES

PROJECT_FILES = ("project.yaml", "instrument.yaml", "codebook.yaml")  # never read as inputs
SKIPPED_DIRS = {"outputs", "private_review", "__pycache__", "node_modules"}
MAX_DEPTH = 3
DEFAULT_COHORT = "respondents"
INTERVIEW_COHORT = "interviewees"
# Where a numeric date such as 03/04/2024 settles nothing: SurveyMonkey and Qualtrics write
# US-style month-first dates by default; the UK platforms and spreadsheets day-first.
MONTH_FIRST_PLATFORMS = {"surveymonkey", "qualtrics"}

# File-name words -> cohort label (a word matches at a word boundary, any case).
_COHORT_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("professional", ("professional", "professionals", "prof", "profs", "staff", "practitioner",
                      "practitioners", "worker", "workers", "stakeholder", "stakeholders",
                      "provider", "providers", "agency", "agencies", "workforce", "partner",
                      "partners", "frontline")),
    ("survivor", ("survivor", "survivors", "victim", "victims", "client", "clients", "user",
                  "users", "serviceuser", "serviceusers", "lived", "public", "resident",
                  "residents", "community")),
)
# What the questions themselves say about who answers them.
_PROFESSIONAL_CUES = re.compile(
    r"\b(your (current )?role|your (organi[sz]ation|service|team|agency|caseload)|"
    r"which sector|in your work|you work|worked in|service users|clients|referr(ed|al)s?|"
    r"disclosures?|training)\b", re.IGNORECASE)
_SURVIVOR_CUES = re.compile(
    r"\b(support you (received|got)|you (have )?used|helped you|did you report|"
    r"happened to you|you looked for|did you know where|your experience|harder for you|"
    r"you did not get|your gender|age group are you)\b", re.IGNORECASE)
_WAVE = re.compile(r"(?:^|[^a-z])(?:wave|round|phase|w)[ _.-]?(\d{1,2})(?![0-9])", re.IGNORECASE)
_FOLLOW_UP = re.compile(r"follow[ _.-]?up", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_NOISE_WORDS = {"survey", "surveys", "export", "exports", "responses", "response", "results",
                "data", "raw", "csv", "xlsx", "final", "copy", "form", "forms", "google",
                "googleforms", "surveymonkey", "monkey", "smartsurvey", "qualtrics", "msforms",
                "microsoft", "kobo", "kobotoolbox", "sheet", "sheets", "download", "all",
                "wave", "round", "phase", "followup", "follow", "up"}
# Taking part, not a question about consent in the services ("Were you asked for your
# consent before the examination?" is a finding).
_CONSENT = re.compile(
    r"\b(do you consent|i consent|consent to (take|taking) part|consent to participat\w*|"
    r"consent to (your|my) (answers|responses)|agree to (take|taking) part|agree to "
    r"participate|happy to (take part|participate|continue))\b", re.IGNORECASE)
# Demographic questions: quasi-identifiers, generalised for k-anonymity when marked sensitive.
_SENSITIVE = re.compile(
    r"\b(age|gender|sex|sexual orientation|sexuality|ethnic(ity)?|ethnic group|disab(led|ility)|"
    r"long-term (health )?condition|religion|faith|belief|trans|pregnan\w*|nationality|"
    r"first language|immigration)\b", re.IGNORECASE)


@dataclass(frozen=True)
class SourceProposal:
    """What ``voices init`` proposes for one export or transcript folder.

    Attributes:
        path: The file or folder, relative to the project folder (``/`` separators).
        kind: ``survey`` or ``interview``.
        platform: The config platform name (``surveymonkey``...); ``None`` for interviews.
        cohort: The proposed cohort label; ``cohort_reason`` says where it came from.
        wave: The proposed wave; ``wave_reason`` says where it came from.
        date_order: ``dayfirst``/``monthfirst`` where the file's dates are ambiguous.
        identifying: Headers of the identifying columns the reader drops.
        rows: Responses (or transcripts) read.
        questions: Question texts of the file (for cohort guesses and the instrument).
        notes: Other things worth saying (a date order chosen, warnings from the reader).
    """

    path: str
    kind: str
    platform: str | None
    cohort: str
    cohort_reason: str
    wave: int = 1
    wave_reason: str = "no wave in the file name"
    date_order: str | None = None
    identifying: tuple[str, ...] = ()
    rows: int = 0
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass
class ProjectProposal:
    """A whole proposed project; edit it (``dataclasses.replace``) before :func:`write_project`.

    Attributes:
        folder: The project folder (absolute).
        name: The project's name.
        sources: One proposal per readable export or transcript folder.
        unreadable: One line per file that could not be read (file and reason, no content).
        skipped: Files that are neither exports nor transcripts (relative paths).
        instrument: The instrument inferred from every survey source (``None`` without one).
    """

    folder: Path
    name: str
    sources: list[SourceProposal] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    instrument: Instrument | None = None
    configs: dict[str, SourceConfig] = field(default_factory=dict, repr=False)


# -- finding files ------------------------------------------------------------------------------
def _rel(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def find_inputs(folder: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """Exports, transcript sources and skipped files under ``folder``.

    A sub-folder holding transcripts and no exports is one interview source; loose transcripts
    are one source each. Hidden entries, ``outputs/``, ``private_review/`` and the project's own
    YAML files are left out. Folders are searched :data:`MAX_DEPTH` levels deep.

    Returns:
        ``(exports, transcript sources, skipped files)``, each sorted by path.
    """
    exports: list[Path] = []
    transcripts: list[Path] = []
    skipped: list[Path] = []

    def visit(d: Path, depth: int) -> None:
        entries = sorted((p for p in d.iterdir() if not p.name.startswith((".", "~$"))),
                         key=lambda p: p.name.casefold())
        files = [p for p in entries if p.is_file()]
        dirs = [p for p in entries if p.is_dir() and p.name not in SKIPPED_DIRS]
        tabular = [p for p in files if p.suffix.lower() in TABULAR_SUFFIXES
                   or p.suffix.lower() in REFUSED_SUFFIXES]
        spoken = [p for p in files if p.suffix.lower() in TRANSCRIPT_SUFFIXES]
        if d != folder and spoken and not tabular:
            transcripts.append(d)
        else:
            exports.extend(tabular)
            transcripts.extend(spoken)
        skipped.extend(p for p in files if p not in tabular and p not in spoken
                       and not (d == folder and p.name in PROJECT_FILES))
        if depth < MAX_DEPTH:
            for sub in dirs:
                visit(sub, depth + 1)

    visit(folder, 1)
    return exports, transcripts, skipped


# -- guessing cohorts and waves -----------------------------------------------------------------
def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", name.casefold()) if w]


def cohort_from_name(name: str) -> str | None:
    """The cohort a file or folder name points to (``professional``, ``survivor``), if any."""
    words = set(_words(name))
    joined = "".join(_words(name))
    for cohort, cues in _COHORT_WORDS:
        if words & set(cues) or "serviceuser" in joined and cohort == "survivor":
            return cohort
    return None


def cohort_from_questions(texts: Iterable[str]) -> str | None:
    """``professional`` or ``survivor`` when the questions clearly address one of them."""
    prof = surv = 0
    for text in texts:
        prof += bool(_PROFESSIONAL_CUES.search(text))
        surv += bool(_SURVIVOR_CUES.search(text))
    if prof >= 2 and prof > 2 * surv:
        return "professional"
    if surv >= 2 and surv > 2 * prof:
        return "survivor"
    return None


def _label_from_name(name: str) -> str | None:
    words = [w for w in _words(Path(name).stem) if w not in _NOISE_WORDS and not w.isdigit()
             and not re.fullmatch(r"w\d+|v\d+", w)]
    return slugify(" ".join(words)) if words else None


def wave_from_name(name: str) -> int | None:
    """The wave a file name gives: ``wave2``, ``round_3``, ``W2``, ``follow-up`` (wave 2)."""
    if m := _WAVE.search(name):
        return int(m.group(1))
    if _FOLLOW_UP.search(name):
        return 2
    return None


def propose_waves(sources: list[SourceProposal]) -> list[SourceProposal]:
    """Waves from file names; else, within a cohort, from the years in the names (earliest
    is wave 1). Files of one cohort with nothing to tell them apart stay in wave 1 together."""
    out = []
    years: dict[str, list[int]] = {}
    for s in sources:
        if (y := _YEAR.search(Path(s.path).name)) and wave_from_name(s.path) is None:
            years.setdefault(s.cohort, []).append(int(y.group(1)))
    for s in sources:
        name = Path(s.path).name
        wave = wave_from_name(name)
        if wave is not None:
            out.append(replace(s, wave=wave, wave_reason="from the file name"))
            continue
        cohort_years = sorted(set(years.get(s.cohort, [])))
        y = _YEAR.search(name)
        if y and len(cohort_years) > 1:
            out.append(replace(s, wave=cohort_years.index(int(y.group(1))) + 1,
                               wave_reason=f"year {y.group(1)} in the file name"))
            continue
        out.append(s)
    return out


# -- reading ------------------------------------------------------------------------------------
def _platform_name(key: str) -> str:
    return next(name for name, k in PLATFORM_READERS.items() if k == key)


def _one_line(exc: InputFileError, rel: str) -> str:
    where = [rel]
    if exc.row is not None:
        where.append(f"row {exc.row}")
    if exc.column is not None:
        where.append(f"column {exc.column!r}")
    return f"{', '.join(where)}: {exc.detail}"


def _read_export(path: Path, rel: str) -> tuple[SourceProposal, SourceConfig]:
    """Detect, infer and read one export (raising :class:`InputFileError` if it cannot be)."""
    platform = _platform_name(detect(path))
    config = SourceConfig(path=path, cohort=DEFAULT_COHORT, platform=platform)
    orders: list[str | None] = [None, *(("monthfirst", "dayfirst")
                                        if platform in MONTH_FIRST_PLATFORMS
                                        else ("dayfirst", "monthfirst"))]
    first_error: InputFileError | None = None
    for order in orders:
        config = replace(config, date_order=order)
        try:
            inferred = infer_instrument(config)
            table = read_source(config, inferred.instrument, source_label=rel)
        except InputFileError as exc:
            first_error = first_error or exc
            continue
        break
    else:
        assert first_error is not None
        raise first_error
    notes = []
    if config.date_order is not None:
        notes.append(f"dates such as 03/04 are ambiguous here: read {config.date_order} "
                     f"(the usual order of {platform} exports); change date_order if wrong")
    notes.extend(f"warning: {w}" for w in table.warnings)
    texts = tuple(q.text for q in inferred.instrument.questions)
    cohort, reason = _guess_cohort(rel, texts)
    proposal = SourceProposal(path=rel, kind="survey", platform=platform, cohort=cohort,
                              cohort_reason=reason, date_order=config.date_order,
                              identifying=tuple(table.dropped_columns),
                              rows=len(table.responses), questions=texts, notes=tuple(notes))
    del table  # raw answers: memory only, and no longer than needed
    return proposal, config


def _guess_cohort(rel: str, texts: Sequence[str]) -> tuple[str, str]:
    if cohort := cohort_from_name(rel):
        return cohort, "from the file name"
    if cohort := cohort_from_questions(texts):
        return cohort, "from the questions asked"
    if label := _label_from_name(rel):
        return label, "the file name, no cohort word found"
    return DEFAULT_COHORT, "nothing in the name or questions said; a default"


def _read_transcripts(path: Path, rel: str) -> SourceProposal:
    config = SourceConfig(path=path, cohort=INTERVIEW_COHORT, kind="interview")
    table = read_source(config, None, source_label=rel)
    cohort = cohort_from_name(rel)
    return SourceProposal(path=rel + ("/" if path.is_dir() else ""), kind="interview",
                          platform=None, cohort=cohort or INTERVIEW_COHORT,
                          cohort_reason="from the name" if cohort else "a default for interviews",
                          rows=len(table.responses),
                          notes=tuple(f"warning: {w}" for w in table.warnings))


def propose_project(folder: str | Path, *, min_count: int | None = None,
                    infer: bool = True, anonymiser: Any = None,
                    say: Callable[[str], None] | None = None) -> ProjectProposal:
    """Look at every export and transcript under ``folder`` and propose a project.

    Args:
        folder: The folder of exports and transcripts (it becomes the project folder).
        min_count: ``disclosure.min_count`` for the inferred options (default 5).
        infer: Infer the instrument now; ``False`` leaves it to :func:`infer_for`, after the
            cohorts and waves are settled (the instrument records who was asked what).
        anonymiser: Checks inferred option labels for identifiers (an
            :class:`survey.anonymise.engine.Anonymiser`); default the standard one.
        say: Called with one progress line per file.

    Returns:
        The proposal; files that could not be read are listed in ``unreadable``.

    Raises:
        InputFileError: ``folder`` is not a folder.
    """
    folder = Path(folder).expanduser().resolve()
    if not folder.is_dir():
        raise InputFileError(folder, "not a folder; give the folder that holds your exports")
    min_count = DisclosureConfig().min_count if min_count is None else min_count
    exports, transcripts, skipped = find_inputs(folder)
    proposal = ProjectProposal(folder=folder, name=folder.name,
                               skipped=[_rel(p, folder) for p in skipped])
    configs = proposal.configs
    for path in exports:
        rel = _rel(path, folder)
        try:
            source, config = _read_export(path, rel)
        except InputFileError as exc:
            proposal.unreadable.append(_one_line(exc, rel))
            continue
        configs[rel] = config
        proposal.sources.append(source)
        if say:
            say(f"  {rel}: {source.platform}, {source.rows} responses")
    for path in transcripts:
        rel = _rel(path, folder)
        try:
            proposal.sources.append(_read_transcripts(path, rel))
        except InputFileError as exc:
            proposal.unreadable.append(_one_line(exc, rel))
    proposal.sources = propose_waves(proposal.sources)
    if infer:
        proposal.instrument = infer_for(proposal, min_count=min_count, anonymiser=anonymiser)
    return proposal


def infer_for(proposal: ProjectProposal, *, min_count: int | None = None,
              anonymiser: Any = None) -> Instrument | None:
    """One instrument for the proposal's survey sources: merged questions, each marked with the
    cohorts asked it (when not all are), demographic questions marked ``sensitive``, and
    inferred option labels holding a possible identifier left out."""
    surveys = [s for s in proposal.sources if s.kind == "survey"]
    if not surveys:
        return None
    min_count = DisclosureConfig().min_count if min_count is None else min_count
    sources = [replace(proposal.configs[s.path], cohort=s.cohort, wave=s.wave) for s in surveys]
    instrument = infer_project_instrument(sources, name=f"{proposal.name} (inferred)",
                                          min_count=min_count)
    asked: dict[str, set[str]] = {}
    for s in surveys:
        for text in s.questions:
            asked.setdefault(text, set()).add(s.cohort)
    cohorts = {s.cohort for s in surveys}
    questions = []
    consent_found = False
    for q in instrument.questions:
        who = asked.get(q.text, cohorts)
        # the consent question is tabled in the report's appendix, never charted as a finding
        consent = (not consent_found and q.kind == "single" and bool(_CONSENT.search(q.text)))
        consent_found = consent_found or consent
        q = replace(q, cohorts=tuple(sorted(who)) if who != cohorts else (),
                    sensitive=q.kind != "text" and bool(_SENSITIVE.search(q.text)),
                    consent=consent or q.consent)
        questions.append(q)
    return scrub_option_labels(replace(instrument, questions=tuple(questions)), anonymiser)


def scrub_option_labels(instrument: Instrument, anonymiser: Any = None) -> Instrument:
    """:func:`survey.readers.infer.scrub_option_labels` with the default anonymiser when none
    is given."""
    from survey.readers.infer import scrub_option_labels as scrub

    if anonymiser is None:
        from survey.anonymise import build_anonymiser
        from survey.config import AnonymiseConfig

        anonymiser = build_anonymiser(AnonymiseConfig())
    return scrub(instrument, anonymiser)[0]
