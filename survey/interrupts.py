"""Holding Ctrl-C while native libraries import.

Importing spaCy imports thinc, which imports torch, whose C++ start-up calls back into Python
through pybind11. A KeyboardInterrupt raised inside such a callback can reach C++ code that
cannot pass it on, and the process aborts ("terminate called after throwing an instance of
'pybind11::error_already_set'", exit status -6) instead of printing the one interrupted line
and leaving the store consistent. :func:`interrupts_deferred` records a Ctrl-C that arrives
during such an import and raises it once the import is over, in Python, where the command
line's handler turns it into that line.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Defer SIGINT to the end of the block; then raise KeyboardInterrupt if one came.

    Only the main thread can set a signal handler, so elsewhere the block runs unchanged; a
    SIGINT the process ignores (a job started in the background) stays ignored, and a handler
    a caller set that is not Python's default is left in place.
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    came: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: came.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if came:
        raise KeyboardInterrupt
