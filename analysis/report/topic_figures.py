"""Topic charts from the published emergent-theme tables: sizes by cohort and a topic-by-code
heatmap (Agg canvas, no browser, no network). Suppressed cells are never drawn as values: a bar
gets its marker instead, a heatmap cell is left blank with the marker written in it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from analysis.report.disclosure import TOTAL
from analysis.report.figures import _bars, _wrap


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
            ax.text(j, i, label, ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(cols)), [_wrap(c, 14) for c in cols], fontsize=7, rotation=30,
                  ha="right")
    ax.set_yticks(range(len(t)), [f"Topic {v}" for v in t["Topic"]], fontsize=8)
    ax.set_title(_wrap(table.title, 70), fontsize=10, loc="left")
    fig.colorbar(im, ax=ax, shrink=0.8, label="Answers")
    fig.tight_layout()
    return fig
