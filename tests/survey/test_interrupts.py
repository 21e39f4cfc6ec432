"""Ctrl-C while native libraries import waits until the import is over (survey.interrupts).

A Ctrl-C that lands inside torch's C++ start-up (imported by spaCy through thinc) once aborted a
run with "terminate called after throwing an instance of 'pybind11::error_already_set'" and
status -6, instead of the command line's one interrupted line and status 130 (CI on e65c130,
tests/test_hardening_runs.py). The race is rare; these tests pin the mechanism that removes it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from survey.interrupts import interrupts_deferred

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _python_handles_ctrl_c():
    """Python's own Ctrl-C handler for each test, as a terminal's process has: a run started
    in the background (CI's) inherits SIGINT ignored, and that case has its own test."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_a_ctrl_c_inside_the_block_is_raised_when_it_ends():
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            reached.append("after the signal")  # the block runs on to its end
    assert reached == ["after the signal"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_no_ctrl_c_no_interrupt_and_an_error_passes_through():
    with interrupts_deferred():
        pass
    with pytest.raises(ValueError, match="boom"):
        with interrupts_deferred():
            raise ValueError("boom")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_ignored_ctrl_c_stays_ignored():
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts_deferred():
            os.kill(os.getpid(), signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before)


def test_outside_the_main_thread_the_block_runs_unchanged():
    seen = []

    def work():
        with interrupts_deferred():
            seen.append(signal.getsignal(signal.SIGINT))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert seen == [signal.default_int_handler]


# A child that sends itself Ctrl-C from inside torch's native start-up (torch.cuda is imported by
# torch._C._initExtension, C++ calling Python) while the anonymiser's engine first imports.
_CHILD = """
import os, signal, sys
class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "torch.cuda":
            os.kill(os.getpid(), signal.SIGINT)
        return None
sys.meta_path.insert(0, Interrupt())
try:
    from survey.anonymise import build_anonymiser
except KeyboardInterrupt:
    done = "survey.anonymise.engine" in sys.modules and hasattr(sys.modules["torch"], "cuda")
    print("interrupted after the import" if done else "interrupted inside the import")
    sys.exit(130)
print("not interrupted")
"""


def test_a_ctrl_c_inside_torchs_native_start_up_waits_for_the_import():
    """Fails before the fix: the interrupt was raised inside torch's import (here it surfaced;
    in the race CI met, it aborted the process)."""
    proc = subprocess.run([sys.executable, "-c", _CHILD], cwd=REPO, capture_output=True,
                          text=True, timeout=300,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.returncode == 130, proc.stderr[-2000:]
    assert proc.stdout.strip() == "interrupted after the import", proc.stderr[-2000:]
