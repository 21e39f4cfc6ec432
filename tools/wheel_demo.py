"""Build the wheel, install it outside the source tree, and run the demo from it.

Usage: ``python tools/wheel_demo.py [--stage ingest] [--keep DIR]`` (``make wheel-demo``; CI).

The tree is copied first (without .venv, outputs, build folders), so a stale ``build/`` never
leaks files into the wheel. The wheel is installed with ``pip install --no-deps --target``: its
dependencies come from the running interpreter's environment (the project's .venv), so the
check is about what the wheel itself carries: templates, static files, migrations, data files,
the starter codebook and the demo project. Everything runs from a folder outside the tree,
with ``PYTHONPATH`` set to the install folder only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_IGNORE = shutil.ignore_patterns(".git", ".venv", "outputs", "build", "dist", "*.egg-info",
                                 "__pycache__", ".hypothesis", ".pytest_cache", "*.pyc")


def build_wheel(dest: Path, *, source: Path = REPO) -> Path:
    """Copy ``source`` into ``dest/src``, build its wheel into ``dest/dist`` and return it.

    Uses the running interpreter's setuptools (``--no-build-isolation``): no network.

    Raises:
        subprocess.CalledProcessError: The build failed.
    """
    src = dest / "src"
    shutil.copytree(source, src, ignore=_IGNORE)
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps",
                    "--no-build-isolation", "--quiet", "-w", str(dest / "dist")],
                   check=True, cwd=dest, capture_output=True, text=True)
    return next((dest / "dist").glob("survivor_voices-*.whl"))


def wheel_names(wheel: Path) -> set[str]:
    """Every file name inside the wheel."""
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


def install_target(wheel: Path, target: Path) -> Path:
    """``pip install --no-deps --target target wheel``."""
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet",
                    "--target", str(target), str(wheel)], check=True, capture_output=True,
                   text=True)
    return target


def run_installed(target: Path, args: list[str], *, cwd: Path,
                  timeout: float = 900) -> subprocess.CompletedProcess:
    """``python -m voices.cli ARGS`` with only the installed wheel on ``PYTHONPATH``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    env["PYTHONSAFEPATH"] = "1"  # never import from the working folder
    return subprocess.run([sys.executable, "-m", "voices.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def main() -> int:
    """Build, install, and run ``voices --version`` and the demo from the install."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", default="run", choices=("run", "ingest"),
                        help="run the whole demo (default) or only its ingest stage")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="voices-wheel-") as tmp:
        work = Path(tmp)
        wheel = build_wheel(work)
        target = install_target(wheel, work / "site")
        cwd = work / "elsewhere"
        cwd.mkdir()
        for cmd in (["--version"], [args.stage, "--out", str(work / "demo-out")]):
            result = run_installed(target, cmd, cwd=cwd)
            sys.stdout.write(result.stdout)
            if result.returncode != 0:
                sys.stderr.write(result.stderr)
                print(f"wheel-demo: `voices {' '.join(cmd)}` from the wheel failed "
                      f"(exit {result.returncode})", file=sys.stderr)
                return 1
        expected = ["project.sqlite"] + (["report.html", "report.xlsx", "report.docx"]
                                         if args.stage == "run" else [])
        missing = [n for n in expected if not (work / "demo-out" / n).is_file()]
        if missing:
            print(f"wheel-demo: the demo run from the wheel wrote no {', '.join(missing)}",
                  file=sys.stderr)
            return 1
        print(f"wheel-demo: {wheel.name} ran the demo ({args.stage}) outside the source tree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
