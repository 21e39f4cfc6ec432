"""Build hook (the project's metadata lives in pyproject.toml).

The wheel carries the shipped demo project (``data/demo``, synthetic) as
``analysis/data/demo``, so an installed ``voices run`` with no project runs it
(``analysis.pipeline`` looks there when there is no ``data/demo`` beside the packages).
``data/`` is not a package, so package-data cannot reach it; this copy step can.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DEMO = Path(__file__).resolve().parent / "data" / "demo"
DEMO_TARGET = ("analysis", "data", "demo")  # the folder name gives outputs/demo


class BuildPyWithDemo(build_py):
    """``build_py`` that also copies the demo project into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False) or not DEMO.is_dir():
            return  # an editable install reads data/demo where it is
        target = Path(self.build_lib).joinpath(*DEMO_TARGET)
        shutil.copytree(DEMO, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".*", "__pycache__", "outputs"))


setup(cmdclass={"build_py": BuildPyWithDemo})
