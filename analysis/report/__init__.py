"""The report, one way: counts from the store (:mod:`~analysis.report.data`,
:mod:`analysis.summarise`), then disclosure control (:mod:`~analysis.report.disclosure`), then the
published tables (:mod:`~analysis.report.tables` builds :class:`~analysis.report.published.ReportTables`),
then the narrative's blocks (:mod:`~analysis.report.structure`, :mod:`analysis.narrative`), then
one writer per format (:mod:`~analysis.report.xlsx`, :mod:`~analysis.report.html`,
:mod:`~analysis.report.docx`, :mod:`~analysis.report.csv_out`, :mod:`~analysis.report.figures`),
called by :mod:`~analysis.report.writers`. :mod:`~analysis.report.stage` is the report stage of a
run. This package's own module imports nothing, so importing any part of it loads only that part.
"""
