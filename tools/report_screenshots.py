"""Screenshots of the demo report for the README: a page of the Word report (converted to PDF by
LibreOffice, the page drawn by PDFium) and the top of the HTML report in headless Chromium.

Usage::

    .venv/bin/python tools/report_screenshots.py outputs/demo [--page 3] [--out docs/img]

Needs ``soffice`` (LibreOffice) and ``chromium`` on PATH and the ``docs`` extra (pypdfium2).
Writes ``report-word-page.png`` and ``report-html.png`` (and ``report-html-mobile.png``).
The demo is SYNTHETIC, so its screenshots show no real answer.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--hide-scrollbars"]


def word_page(docx: Path, dest: Path, page: int, width_px: int = 900) -> Path:
    """Page ``page`` (1-based) of the Word report as a PNG ``width_px`` wide."""
    import pypdfium2 as pdfium

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation={(Path(tmp) / 'lo').as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", tmp, str(docx)],
                       check=True, capture_output=True, timeout=300)
        pdf = pdfium.PdfDocument(str(Path(tmp) / (docx.stem + ".pdf")))
        p = pdf[min(page, len(pdf)) - 1]
        image = p.render(scale=width_px / p.get_width()).to_pil()
        image.save(dest, optimize=True)
        pdf.close()
    return dest


def html_shot(html: Path, dest: Path, width: int, height: int) -> Path:
    """The top of the HTML report in a ``width`` x ``height`` Chromium window."""
    chromium = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"))
                     if p), None)
    if chromium is None:
        sys.exit("Chromium is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp}",
                        f"--window-size={width},{height}", f"--screenshot={dest}",
                        html.resolve().as_uri()], check=True, capture_output=True, timeout=120)
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("outputs", type=Path, help="a run's output folder (report.docx, .html)")
    ap.add_argument("--page", type=int, default=1, help="Word page to show (1-based)")
    ap.add_argument("--out", type=Path, default=Path("docs/img"), help="where the PNGs go")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in (word_page(args.outputs / "report.docx", args.out / "report-word-page.png",
                           args.page),
                 html_shot(args.outputs / "report.html", args.out / "report-html.png", 1280,
                           1000),
                 html_shot(args.outputs / "report.html", args.out / "report-html-mobile.png",
                           390, 844)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
