"""The "Theme finder": for every theme and code, its counts per cohort, what was suppressed, and
its quotes, on one row, so a report writer finds everything about a theme in one sheet.

Built only from the published theme table and the selected quotes (no recount), so the numbers
are the same as on the Themes sheet, the HTML and the Word report.
"""

from __future__ import annotations

import pandas as pd

from analysis.report.disclosure import PCT_SUFFIX, SECONDARY_MARK

QUOTES_PER_ROW = 3
FINDER_FIXED = ("Level", "Theme", "Code")


def row_note(row: pd.Series, value_columns: tuple[str, ...], *, min_count: int,
             min_base_for_percent: int) -> str:
    """A plain-language note saying what, on this row, was suppressed and why.

    Args:
        row: One row of the published theme table.
        value_columns: The cohort count columns.
        min_count: Disclosure threshold (counts below it are shown as ``"<N"``).
        min_base_for_percent: No percentage on a base under this.

    Returns:
        The note (never a value from the answers).
    """
    small = f"<{min_count}"
    parts = []
    cols = [*value_columns, "All respondents"]
    small_in = [c for c in cols if row.get(c) == small]
    sec_in = [c for c in cols if row.get(c) == SECONDARY_MARK]
    if small_in:
        parts.append(f"{', '.join(small_in)}: fewer than {min_count} respondents, shown as "
                     f"\"{small}\".")
    if sec_in:
        parts.append(f"{', '.join(sec_in)}: hidden as \"{SECONDARY_MARK}\" so a small count "
                     "cannot be worked out from the totals.")
    no_pct = []
    for c in value_columns:
        v = row.get(c)
        pct = row.get(f"{c}{PCT_SUFFIX}")
        if isinstance(v, (int, float)) and v and (pct is None or pd.isna(pct)):
            no_pct.append(c)
    if no_pct:
        parts.append(f"{', '.join(no_pct)}: no percentage (base under {min_base_for_percent}).")
    return " ".join(parts) or "Nothing suppressed."


def theme_finder(themes: pd.DataFrame, value_columns: tuple[str, ...], quotes: pd.DataFrame, *,
                 min_count: int, min_base_for_percent: int,
                 per_row: int = QUOTES_PER_ROW) -> pd.DataFrame:
    """One row per theme and code: counts and percentages per cohort, a suppression note and
    up to ``per_row`` quotes (a theme row takes its codes' best-ranked quotes).

    Args:
        themes: The published theme table (``Level, Theme, Code``, cohort columns...).
        value_columns: Its cohort count columns.
        quotes: The selected quotes (``theme, code_label, cohort, text, rank``).
        min_count: Disclosure threshold.
        min_base_for_percent: No percentage on a base under this.
        per_row: Quotes per row.

    Returns:
        Columns ``Level, Theme, Code``, then per cohort ``<cohort>``, ``<cohort> %`` and
        ``<cohort> base``, then ``All respondents`` (with its % and base), ``Suppression note``
        and ``Quote 1..per_row``.
    """
    count_cols = []
    for c in value_columns:  # each percentage with its base beside it
        count_cols += [x for x in (c, f"{c}{PCT_SUFFIX}", f"{c} base") if x in themes.columns]
    count_cols += [c for c in ("All respondents", "All respondents" + PCT_SUFFIX,
                               "All respondents base") if c in themes.columns]
    out = themes[[*FINDER_FIXED, *count_cols]].copy()
    out["Suppression note"] = [row_note(r, value_columns, min_count=min_count,
                                        min_base_for_percent=min_base_for_percent)
                               for _, r in themes.iterrows()]
    q = quotes.sort_values(["rank"], kind="stable") if len(quotes) else quotes
    cells: list[list[str | None]] = []
    for level, theme, code in zip(themes["Level"], themes["Theme"], themes["Code"]):
        if len(q) == 0:
            chosen = []
        elif level == "code":
            chosen = q[(q["theme"] == theme) & (q["code_label"] == code)]["text"].tolist(), \
                q[(q["theme"] == theme) & (q["code_label"] == code)]["cohort"].tolist()
            chosen = list(zip(*chosen))
        else:
            tq = q[q["theme"] == theme]
            chosen = list(zip(tq["text"].tolist(), tq["cohort"].tolist()))
        seen, row = set(), []
        for text, cohort in chosen:
            if text in seen:
                continue
            seen.add(text)
            row.append(f"{text} ({cohort})")
            if len(row) == per_row:
                break
        cells.append(row + [None] * (per_row - len(row)))
    for k in range(per_row):
        out[f"Quote {k + 1}"] = [r[k] for r in cells]
    return out.reset_index(drop=True)
