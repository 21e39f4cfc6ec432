"""Issue 16, failure 12: the install size and the CPU-only torch route are documented, and the
Makefile no longer claims that a plain install gets the CPU build."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _install_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^### Install size and torch.*?(?=^##)", readme, re.M | re.S)
    assert match, "README has no install-size section"
    return match.group(0)


def test_readme_says_pypi_serves_the_cuda_build_and_how_to_get_cpu_only() -> None:
    section = _install_section()
    assert "CUDA build" in section and "several GB" in section
    assert f"--index-url {CPU_INDEX}" in section


def test_readme_gives_a_measured_install_size() -> None:
    assert re.search(r"weighs \*\*\d+(\.\d+)? GB\*\*", _install_section())


def test_makefile_installs_torch_first_with_overridable_index_and_no_cpu_claim() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "The CPU build of torch keeps the install small" not in makefile
    assert re.search(r'install --quiet \$\(PIP_TORCH_ARGS\) "\$\(TORCH_SPEC\)"', makefile)
    assert makefile.index("$(TORCH_SPEC)\"") < makefile.index('-e ".[test]"')
