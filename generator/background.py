"""Work that a forked process does while the build goes on.

Much of a build does not wait on the rest: the notices and their batch PDFs,
the open-data files, calendars and feed (the feed reads the git history and
checks every past version of the data), half of the office pages. On a
machine of more than one core, `Background(work)` forks a process that calls
`work()` at once, while the caller goes on; `result()` waits for what it
returned, pickled back through a pipe. Forked, so that the work sees the
caller's objects (the Guide) without pickling them.

The work is done in the caller instead, when `result()` is called, where a
fork is unsafe or useless: on one core, on a platform without fork, or while
other threads run (`mkdocs serve`): a fork copies only the calling thread,
and a lock another thread holds would stay locked in the child.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import traceback
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The work failed in the forked process: its traceback, as text."""


def can_fork() -> bool:
    return ((os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


class Stopped(BaseException):
    """The caller stopped the work (SIGTERM): it no longer wants the result."""


def _stop(signum, frame):
    raise Stopped


def _run(work: Callable[[], T], connection) -> None:
    # Stopped unwinds the work, so that what it started ends too (the batch PDFs' own pool of processes).
    signal.signal(signal.SIGTERM, _stop)
    try:
        outcome = (True, work())
    except Stopped:
        return
    except BaseException:  # noqa: BLE001 - every failure goes back to the caller, as text
        outcome = (False, traceback.format_exc())
    try:
        connection.send(outcome)
    except (Stopped, BrokenPipeError):
        return
    finally:
        connection.close()


class Background(Generic[T]):
    """`work()`, started now in a forked process when that is safe (see the module); use as a context
    manager, so that a process whose result is not collected (the caller failed) is stopped."""

    def __init__(self, work: Callable[[], T]):
        self.work = work
        self.process = self.connection = None
        if can_fork():
            context = multiprocessing.get_context("fork")
            receiving, sending = context.Pipe(duplex=False)
            self.process = context.Process(target=_run, args=(work, sending))  # not a daemon: it may start processes
            self.process.start()
            sending.close()
            self.connection = receiving

    @property
    def forked(self) -> bool:
        return self.process is not None

    def result(self) -> T:
        """What `work()` returned (call once); BackgroundError with its traceback when it failed in the fork."""
        if self.process is None:
            return self.work()
        process, self.process = self.process, None  # collected: nothing left to stop on exit
        try:
            succeeded, value = self.connection.recv()
        except EOFError:
            process.join()
            raise BackgroundError(f"the background work ended without a result (exit code {process.exitcode})") from None
        finally:
            self.connection.close()
        process.join()
        if not succeeded:
            raise BackgroundError(value)
        return value

    def __enter__(self) -> "Background[T]":
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process is not None:  # not collected: the caller failed
            self.connection.close()  # a result being sent meets a closed pipe
            self.process.terminate()
            self.process.join()
            self.process = None
