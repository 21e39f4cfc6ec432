"""Google Forms joins ticked options with ", ", so an option whose own label holds a comma
("Counselling, therapy or support group") must not be inferred as two options (synthetic)."""

from __future__ import annotations

import csv
from pathlib import Path

from survey.config import SourceConfig
from survey.readers import infer_project_instrument, read_source
from survey.readers.infer import joined_options

COMMA = "Counselling, therapy or support group"
Q = "Which services have you used? (tick all that apply)"
CELLS = ["SARC", f"SARC, {COMMA}", COMMA, "GP", f"{COMMA}, GP", "SARC, GP", f"SARC, {COMMA}, GP",
         "Helpline", "SARC, Helpline", f"{COMMA}, Helpline", "GP, Helpline", "SARC"]


def test_label_with_a_comma_is_one_option() -> None:
    joined = joined_options(CELLS)
    assert joined is not None
    assert COMMA in joined.options
    assert "Counselling" not in joined.options
    assert "therapy or support group" not in joined.options
    assert joined.counts[COMMA] == 5


def test_pieces_that_also_stand_apart_are_not_joined() -> None:
    # "GP" is followed by "Helpline" once but also stands alone: two options
    joined = joined_options(CELLS)
    assert {"GP", "Helpline", "SARC"} <= set(joined.options)


def test_label_with_a_comma_read_back_at_ingest(tmp_path: Path) -> None:
    path = tmp_path / "survivors_SYNTHETIC.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(["Timestamp", Q])
        w.writerows([f"{13 + i}/03/2026 10:00:00", c] for i, c in enumerate(CELLS))
    source = SourceConfig(path=path, cohort="survivor")
    instrument = infer_project_instrument([source], min_count=1)
    table = read_source(source, instrument, source_label=path.name)
    assert table.responses[instrument.questions[0].id][6] == ["SARC", COMMA, "GP"]
    assert table.unknown_labels == {}
