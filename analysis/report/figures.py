"""Charts from the published (disclosure-controlled) tables, saved as PNG and SVG.

Uses matplotlib's object API with the Agg canvas (no pyplot, no display, no network). Output is
deterministic: fixed ``svg.hashsalt``, no dates in metadata, text drawn as paths. A suppressed
count is never drawn as a bar: its marker (``"<5"``, ``"[c]"``) is written where the bar would be.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.report.data import MACHINE_NOTE
from analysis.report.disclosure import PCT_SUFFIX, TOTAL
from analysis.report.published import ANSWERED, ASKED, PublishedTable, ReportTables
from survey.atomic import atomic_path

RC = {"svg.hashsalt": "survivor-voices", "svg.fonttype": "path", "font.size": 9,
      "axes.spines.top": False, "axes.spines.right": False}
#: The smallest text on any chart, in points: 8.5 pt is 11.3 px at the chart's own size, the
#: least a phone reader should get (the HTML report lets a chart scroll rather than shrink).
MIN_FONT_PT = 8.5
PALETTE = ("#1b6ca8", "#e07b39", "#3a9e6f", "#8f5fb5", "#c9476b", "#6b6b6b")
NO_BAR_ROWS = ("No answer", "Total", ANSWERED, ASKED)


def _wrap(label: str, width: int = 38) -> str:
    words, lines, line = str(label).split(), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "\n".join([*lines, line])


def _bars(labels: list[str], series: dict[str, list[object]], *, title: str, xlabel: str,
          markers: dict[str, list[str | None]] | None = None) -> Figure:
    """Grouped horizontal bars; a ``None`` value draws no bar and writes its marker instead."""
    n, k = len(labels), max(len(series), 1)
    fig = Figure(figsize=(7.5, 1.2 + 0.45 * n * max(1, k * 0.6)), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    height = 0.8 / k
    y = np.arange(n)
    top = max([float(v) for vals in series.values() for v in vals if v is not None] or [1.0])
    for s, (name, vals) in enumerate(series.items()):
        pos = y - 0.4 + height * (s + 0.5)
        colour = PALETTE[s % len(PALETTE)]
        drawn = [float(v) if v is not None else 0.0 for v in vals]
        ax.barh(pos, drawn, height=height * 0.95, color=colour, label=str(name).capitalize())
        for p, v, m in zip(pos, vals, (markers or {}).get(name, [None] * n)):
            if v is None:
                ax.text(top * 0.01, p, m or "", va="center", fontsize=MIN_FONT_PT, color="#333333")
            else:
                ax.text(float(v) + top * 0.01, p, f"{v:g}", va="center", fontsize=MIN_FONT_PT)
    ax.set_yticks(y, [_wrap(lab) for lab in labels])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(xlabel)
    fig.suptitle(_wrap(title, 90), fontsize=10, x=0.01, ha="left")
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=MIN_FONT_PT, loc="lower right")
    fig.tight_layout()
    return fig


def theme_chart(themes: PublishedTable, *, measure: str = "percent",
                min_base_for_percent: int = 10) -> Figure:
    """Respondents per code, one bar per cohort, from the published theme table.

    Args:
        themes: The published theme table.
        measure: ``"percent"`` (of the cohort's base; bars only where a percentage is
            published) or ``"count"`` (respondents).
        min_base_for_percent: Named in the marker of a percentage withheld for a small base.

    Raises:
        ValueError: Unknown ``measure``.
    """
    if measure not in ("percent", "count"):
        raise ValueError(f"measure must be 'percent' or 'count', got {measure!r}")
    t = themes.table[themes.table["Level"] == "code"]
    labels = [f"{c} ({th})" for th, c in zip(t["Theme"], t["Code"])]
    series, markers = {}, {}
    for col in themes.value_columns:
        counts = t[col].tolist()
        if measure == "count":
            series[col] = [v if isinstance(v, (int, np.integer)) else None for v in counts]
            markers[col] = [v if isinstance(v, str) else None for v in counts]
        else:
            pct = t[f"{col}{PCT_SUFFIX}"].tolist()
            series[col] = [None if p is None or pd.isna(p) else float(p) for p in pct]
            markers[col] = [c if isinstance(c, str) else
                            (f"n/a (base under {min_base_for_percent})" if s is None else None)
                            for c, s in zip(counts, series[col])]
    title = ("Percentage of respondents mentioning each code, by cohort" if measure == "percent"
             else "Respondents mentioning each code, by cohort")
    if themes.machine_suggested:
        title += f" ({MACHINE_NOTE})"
    return _bars(labels, series, markers=markers, title=title,
                 xlabel="% of the cohort's respondents who answered" if measure == "percent"
                 else "Respondents")


def closed_chart(table: PublishedTable, *, min_base_for_percent: int = 10) -> Figure:
    """Percentage answering each option, one bar per cohort, from a published closed table."""
    t = table.table[~table.table["Answer"].isin(NO_BAR_ROWS)]
    series, markers = {}, {}
    for col in table.value_columns:
        pct = t[f"{col}{PCT_SUFFIX}"].tolist()
        series[col] = [None if p is None or pd.isna(p) else float(p) for p in pct]
        markers[col] = [c if isinstance(c, str) else
                        (f"n/a (base under {min_base_for_percent})" if s is None else None)
                        for c, s in zip(t[col], series[col])]
    return _bars(t["Answer"].astype(str).tolist(), series, markers=markers,
                 title=plain_label(table.title, table.key), xlabel="% of respondents who answered")


def topic_map(coords: pd.DataFrame) -> Figure:
    """Scatter of answers on the topic map (``x, y`` and optional ``topic_id``)."""
    fig = Figure(figsize=(6.5, 5.0), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    topics = coords["topic_id"] if "topic_id" in coords else pd.Series(0, index=coords.index)
    for i, t in enumerate(sorted(topics.dropna().unique(), key=str)):
        sel = (topics == t).to_numpy()
        ax.scatter(coords.loc[sel, "x"], coords.loc[sel, "y"], s=12,
                   color=PALETTE[i % len(PALETTE)] if t != -1 else "#bbbbbb",
                   label="No topic" if t == -1 else f"Topic {t}")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("Emergent topics: each point is an answer (topics under the threshold left out)",
                 fontsize=10, loc="left")
    if topics.nunique() <= 12:
        ax.legend(frameon=False, fontsize=MIN_FONT_PT, loc="best")
    fig.tight_layout()
    return fig


def theme_ci_chart(rows: pd.DataFrame, theme: str) -> Figure:
    """One theme's codes by cohort: each published percentage as a point with its 95% interval
    (from the theme prevalence table); a suppressed figure shows its mark instead."""
    codes = list(dict.fromkeys(rows["Code"]))
    cohorts = list(dict.fromkeys(rows["Cohort"]))
    k = max(len(cohorts), 1)
    fig = Figure(figsize=(6.5, 0.7 + 0.32 * len(codes) * max(1.0, k * 0.7)), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    y = np.arange(len(codes))
    step = 0.6 / k
    labelled: set[object] = set()
    for s, cohort in enumerate(cohorts):
        sub = rows[rows["Cohort"] == cohort].set_index("Code")
        colour = PALETTE[s % len(PALETTE)]
        for i, code in enumerate(codes):
            pos = i - 0.3 + step * (s + 0.5)
            if code not in sub.index:
                continue
            r = sub.loc[code]
            pct = r["%"]
            if pct is None or (isinstance(pct, float) and np.isnan(pct)):
                shown = r["Respondents"] if isinstance(r["Respondents"], str) else "n/a"
                ax.text(1, pos, str(shown), va="center", fontsize=MIN_FONT_PT, color="#333333")
                continue
            lo, hi = r["95% CI low"], r["95% CI high"]
            if lo is not None and hi is not None:
                ax.plot([lo, hi], [pos, pos], color=colour, linewidth=1.6)
            ax.plot([pct], [pos], "o", color=colour, markersize=4,
                    label=None if cohort in labelled else str(cohort))
            labelled.add(cohort)
    ax.set_yticks(y, [_wrap(c, 34) for c in codes], fontsize=MIN_FONT_PT)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of respondents who answered (95% interval)", fontsize=MIN_FONT_PT)
    ax.tick_params(axis="x", labelsize=MIN_FONT_PT)
    ax.grid(axis="x", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    if k > 1 and len(labelled) > 1:
        ax.legend(frameon=False, fontsize=MIN_FONT_PT, loc="lower right")
    fig.suptitle(_wrap(theme, 90), fontsize=9, x=0.01, ha="left")
    fig.tight_layout()
    return fig


_ID_IN_BRACKETS = re.compile(r"\s*\[[a-z][a-z0-9_]+\]")
_ID_IN_PARENS = re.compile(r"\s*\([a-z][a-z0-9]*_[a-z0-9_]*\)")


def plain_label(label: object, key: str = "") -> str:
    """A title or caption without internal ids: a closed table's ``" (question_id)"`` (named
    by its ``key``, ``closed_<id>``) and any ``[question_id]`` or ``(snake_case_id)``."""
    out = str(label)
    qid = key.removeprefix("closed_") if key.startswith("closed_") else ""
    if qid:
        out = out.replace(f" ({qid})", "")
    return _ID_IN_PARENS.sub("", _ID_IN_BRACKETS.sub("", out)).strip()


def _pct(v: object) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float, np.floating)) or pd.isna(v):
        return None
    return float(v)


def describe_values(what: str, groups: list[tuple[str, object, list[tuple[str, object]]]],
                    kind: str = "Bar chart") -> str:
    """Alt text that says what a chart shows: per group (a cohort), its base and the largest
    and smallest published percentages; suppressed values are said to be left out.

    Args:
        what: What the bars are (``"share of respondents raising each code"``).
        groups: ``(group name, base, [(label, percentage or None)])``.
    """
    parts, hidden = [], False
    for name, base, values in groups:
        shown = [(lab, p) for lab, v in values if (p := _pct(v)) is not None]
        hidden = hidden or len(shown) < len(values)
        base_text = f" (base {base:,} who answered)" if isinstance(base, (int, np.integer)) \
            and not isinstance(base, bool) else (f" (base {base})" if base not in (None, "")
                                                 else "")
        if not shown:
            parts.append(f"{name}{base_text}: no percentage can be shown")
            continue
        hi = max(shown, key=lambda lv: lv[1])
        lo = min(shown, key=lambda lv: lv[1])
        if len(shown) == 1 or hi == lo:
            parts.append(f"{name}{base_text}: “{hi[0]}” {hi[1]:.1f}%")
        else:
            parts.append(f"{name}{base_text}: largest “{hi[0]}” {hi[1]:.1f}%, smallest "
                         f"“{lo[0]}” {lo[1]:.1f}%")
    text = f"{kind} of the {what}. " + "; ".join(parts) + "."
    if hidden:
        text += " Figures suppressed for small numbers are not drawn."
    return text


def theme_alt_text(rows: pd.DataFrame, theme: str) -> str:
    """What a theme's chart (:func:`theme_ci_chart`) shows, from the same rows."""
    groups = []
    for cohort, g in rows.groupby("Cohort", sort=False):
        base = next((b for b in g["Base"] if b is not None), None) if "Base" in g else None
        codes = g[g["Level"] == "code"] if "Level" in g and (g["Level"] == "code").any() else g
        groups.append((str(cohort), base, list(zip(codes["Code"].astype(str), codes["%"]))))
    return describe_values(f"share of each cohort's respondents raising each code of "
                           f"“{theme}” (points with 95% intervals)", groups, kind="Chart")


def closed_alt_text(table: PublishedTable) -> str:
    """What a closed question's chart (:func:`closed_chart`) shows, from the same table."""
    t = table.table
    rows = t[~t["Answer"].isin(NO_BAR_ROWS)]
    base_row = t[t["Answer"] == ANSWERED]
    groups = []
    for col in table.value_columns:
        base = base_row[col].iloc[0] if len(base_row) else None
        groups.append((str(col), base, list(zip(rows["Answer"].astype(str),
                                                 rows[f"{col}{PCT_SUFFIX}"]))))
    return describe_values(f"answers to “{plain_label(table.title, table.key)}”", groups)


def theme_figure_name(theme_id: object) -> str:
    """The figure name of a theme's section chart."""
    return "theme_" + _slug(str(theme_id))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:60] or "figure"


def save_figure(fig: Figure, out_dir: Path, name: str) -> dict[str, Path]:
    """Save ``fig`` as ``<out_dir>/<name>.png`` and ``.svg``, atomically and deterministically."""
    paths = {}
    with matplotlib.rc_context(RC):
        for ext, meta in (("png", {"Software": None}), ("svg", {"Date": None, "Creator": None})):
            path = Path(out_dir) / f"{name}.{ext}"
            with atomic_path(path) as tmp:
                fig.savefig(tmp, format=ext, metadata=meta, dpi=150 if ext == "png" else 100)
            paths[ext] = path
    return paths


def write_figures(tables: ReportTables, out_dir: Path, *,
                  min_base_for_percent: int = 10) -> dict[str, dict[str, Path]]:
    """Draw every chart and save it under ``out_dir`` (normally ``<out>/figures``).

    Returns:
        ``figure name -> {"png": path, "svg": path}``, in report order.
    """
    out: dict[str, dict[str, Path]] = {}
    with matplotlib.rc_context(RC):
        figs: list[tuple[str, Figure]] = []
        if (tables.themes.table["Level"] == "code").any():
            figs.append(("themes_by_cohort", theme_chart(
                tables.themes, min_base_for_percent=min_base_for_percent)))
        prev = getattr(tables, "theme_prevalence", None)
        if prev is not None and len(prev.table):
            for (tid, theme), rows in prev.table.groupby(["theme_id", "Theme"], sort=False):
                rows = rows.assign(Code=["All codes in the theme" if lvl == "theme" else c
                                         for lvl, c in zip(rows["Level"], rows["Code"])])
                figs.append((theme_figure_name(tid), theme_ci_chart(rows, str(theme))))
        for t in tables.closed:
            if t.key in tables.consent:  # everyone who took part agreed: nothing to show
                continue
            figs.append((_slug(t.key), closed_chart(t, min_base_for_percent=min_base_for_percent)))
        if tables.topic_coords is not None and len(tables.topic_coords):
            figs.append(("topic_map", topic_map(tables.topic_coords)))
    
        if tables.topic_cohorts is not None and len(tables.topic_cohorts.table):
            figs.append(("topic_sizes_by_cohort", topic_sizes_chart(tables.topic_cohorts)))
        if (tables.topic_codes is not None and len(tables.topic_codes.table)
                and tables.topic_codes.value_columns):
            figs.append(("topic_code_heatmap", topic_code_heatmap(tables.topic_codes)))
        for name, fig in figs:
            out[name] = save_figure(fig, out_dir, name)
    return out


# -- topic charts from the published emergent-theme tables: sizes by cohort and a topic-by-code
# heatmap. Suppressed cells are never drawn as values: a bar gets its marker instead, a heatmap
# cell is left blank with the marker written in it.
def topic_sizes_chart(table: object) -> Figure:
    """Answers per topic, one bar per cohort, from the published topics-by-cohort table."""
    t = table.table[table.table["Topic"].astype(str) != TOTAL]
    labels = [f"Topic {v}" for v in t["Topic"]]
    series, markers = {}, {}
    for col in table.value_columns:
        vals = t[col].tolist()
        series[col] = [v if isinstance(v, (int, np.integer)) else None for v in vals]
        markers[col] = [v if isinstance(v, str) else None for v in vals]
    return _bars(labels, series, markers=markers, title=table.title, xlabel="Answers")


def topic_code_heatmap(table: object) -> Figure:
    """Topics (rows) by codes (columns): answers in each topic already coded with each code."""
    t = table.table
    cols = list(table.value_columns)
    vals = np.full((len(t), len(cols)), np.nan)
    marks = [[None] * len(cols) for _ in range(len(t))]
    for i, row in enumerate(t[cols].itertuples(index=False)):
        for j, v in enumerate(row):
            if isinstance(v, (int, np.integer)):
                vals[i, j] = float(v)
            else:
                marks[i][j] = str(v)
    fig = Figure(figsize=(max(5.0, 1.0 + 0.9 * len(cols)), max(3.0, 1.4 + 0.45 * len(t))),
                 dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    im = ax.imshow(np.ma.masked_invalid(vals), cmap="Blues", aspect="auto",
                   vmin=0, vmax=max(1.0, float(np.nanmax(vals)) if np.isfinite(vals).any() else 1))
    top = np.nanmax(vals) if np.isfinite(vals).any() else 1.0
    for i in range(len(t)):
        for j in range(len(cols)):
            label = marks[i][j] if marks[i][j] is not None else f"{vals[i, j]:g}"
            colour = "white" if np.isfinite(vals[i, j]) and vals[i, j] > 0.6 * top else "#222222"
            ax.text(j, i, label, ha="center", va="center", fontsize=MIN_FONT_PT, color=colour)
    ax.set_xticks(range(len(cols)), [_wrap(c, 14) for c in cols], fontsize=MIN_FONT_PT, rotation=30,
                  ha="right")
    ax.set_yticks(range(len(t)), [f"Topic {v}" for v in t["Topic"]], fontsize=MIN_FONT_PT)
    ax.set_title(_wrap(table.title, 70), fontsize=10, loc="left")
    fig.colorbar(im, ax=ax, shrink=0.8, label="Answers")
    fig.tight_layout()
    return fig
