"""What ``voices topics`` writes on its own, without a full report: the "Emergent themes" sheet of
``report.xlsx`` and the topic figures, from the published emergent tables
(:mod:`analysis.report.emergent`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.report.data import ReportData
from analysis.report.emergent import SHEET, EmergentTables, publish_emergent, topic_coords


def update_workbook_emergent(data: ReportData, path: str | Path, *,
                             emergent: EmergentTables | None = None) -> Path:
    """Write (or replace) the "Emergent themes" sheet of an existing ``report.xlsx``.

    Used by ``voices topics`` so the workbook shows new topics without rerunning the report.
    When the workbook does not exist yet, a workbook with just that sheet is written.

    Args:
        data: The report data (topics, assignments, answers, responses, codings).
        path: The workbook.
        emergent: Already published tables (computed from ``data`` when not given).

    Returns:
        ``path``.
    """
    from openpyxl import Workbook, load_workbook

    from analysis.report.xlsx import _frame_sheet
    from survey.atomic import atomic_path

    path = Path(path)
    em = emergent if emergent is not None else publish_emergent(data)
    if path.exists():
        wb = load_workbook(path)
    else:
        wb = Workbook()
        wb.remove(wb.active)
    draft = any("DRAFT" in (ws.oddHeader.center.text or "") for ws in wb.worksheets)
    position = None
    if SHEET in wb.sheetnames:
        position = wb.sheetnames.index(SHEET)
        wb.remove(wb[SHEET])
    if em is None:
        ws = _frame_sheet(wb, SHEET, pd.DataFrame({"Note": ["No topic model was run or no "
                                                            "topics were found."]}),
                          draft=draft)
    else:
        ws = _frame_sheet(wb, SHEET, em.topics.table, notes=em.topics.notes,
                          widths={len(em.topics.table.columns): 90.0}, draft=draft)
    if position is None and "Codebook" in wb.sheetnames:
        position = wb.sheetnames.index("Codebook")
    if position is not None:
        wb.move_sheet(ws, offset=position - wb.sheetnames.index(SHEET))
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_emergent_outputs(data: ReportData, out_dir: str | Path) -> dict[str, Path]:
    """What ``voices topics`` writes: the "Emergent themes" sheet of ``report.xlsx`` (created
    or replaced) and the topic figures (map, sizes by cohort, topic-by-code heatmap) under
    ``figures/``, as PNG and SVG.

    Returns:
        ``name -> path`` (``xlsx`` and ``figure:<name>.<ext>``).
    """
    import matplotlib

    from analysis.report.figures import (RC, save_figure, topic_code_heatmap, topic_map,
                                         topic_sizes_chart)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    em = publish_emergent(data)
    written = {"xlsx": update_workbook_emergent(data, out_dir / "report.xlsx", emergent=em)}
    coords = topic_coords(data)
    figs = []
    with matplotlib.rc_context(RC):
        if coords is not None and len(coords):
            figs.append(("topic_map", topic_map(coords)))
        if em is not None and len(em.by_cohort.table):
            figs.append(("topic_sizes_by_cohort", topic_sizes_chart(em.by_cohort)))
        if em is not None and em.by_code.value_columns:
            figs.append(("topic_code_heatmap", topic_code_heatmap(em.by_code)))
        for name, fig in figs:
            for ext, path in save_figure(fig, out_dir / "figures", name).items():
                written[f"figure:{name}.{ext}"] = path
    return written
