"""background.py: work done by a forked process while the build goes on, or in the caller where a fork is unsafe."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO
from generator.background import Background, BackgroundError


def pid_and(value):
    return os.getpid(), value


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    with Background(lambda: pid_and({"data/feed.xml": b"<feed/>", "n": [1, 2]})) as job:
        assert job.forked
        pid, value = job.result()
    assert pid != os.getpid()
    assert value == {"data/feed.xml": b"<feed/>", "n": [1, 2]}


def test_a_failure_comes_back_with_its_traceback():
    def fail():
        raise ValueError("expected a closure id, got None")

    with Background(fail) as job, pytest.raises(BackgroundError) as raised:
        job.result()
    assert "ValueError: expected a closure id, got None" in str(raised.value)
    assert "in fail" in str(raised.value)


def test_a_process_that_dies_is_an_error_not_a_hang():
    with Background(lambda: os._exit(3)) as job, pytest.raises(BackgroundError) as raised:
        job.result()
    assert str(raised.value) == "the background work ended without a result (exit code 3)"


def test_while_other_threads_run_the_work_is_done_in_the_caller():
    """mkdocs serve runs threads: a fork would copy only this one, with the others' locks held."""
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        calls = []
        with Background(lambda: calls.append(os.getpid()) or "made") as job:
            assert not job.forked and calls == []  # not started yet
            assert job.result() == "made"
        assert calls == [os.getpid()]
    finally:
        release.set()
        other.join()


def test_on_one_core_the_work_is_done_in_the_caller(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    with Background(lambda: pid_and("made")) as job:
        assert not job.forked
        assert job.result() == (os.getpid(), "made")


def test_work_not_collected_is_stopped_when_the_caller_fails():
    with pytest.raises(KeyError):
        with Background(lambda: time.sleep(60)) as job:
            process = job.process
            raise KeyError("the pages failed")
    assert not process.is_alive()


def test_what_the_caller_printed_before_the_fork_is_printed_once():
    """multiprocessing flushes the standard streams before it forks; a bare os.fork would not."""
    script = ("import sys; from generator.background import Background; print('Membangun', end=' '); "
              "job = Background(lambda: 1); print(job.result())")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout == "Membangun 1\n"


def children(pid: int) -> set[int]:
    """Every process started by `pid`, and by those, from /proc."""
    found, stack = set(), [pid]
    while stack:
        for task in Path(f"/proc/{stack.pop()}/task").iterdir():
            try:
                started = {int(child) for child in (task / "children").read_text().split()}
            except OSError:
                continue
            stack.extend(started - found)
            found |= started
    return found


def pool_of_sleepers():
    """Like notices.batch_pdfs: the work starts its own pool of processes, and cancels its tasks when stopped."""
    import concurrent.futures
    import multiprocessing

    with concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        try:
            return [future.result() for future in [pool.submit(time.sleep, 0.5) for _ in range(400)]]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except OSError:
        return False


def test_stopping_work_that_started_processes_leaves_none_behind():
    with pytest.raises(KeyError):
        with Background(pool_of_sleepers) as job:
            deadline = time.monotonic() + 10
            while len(children(job.process.pid)) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            started = {job.process.pid} | children(job.process.pid)
            assert len(started) >= 3  # the work's process and its pool's
            raise KeyError("MkDocs failed")
    deadline = time.monotonic() + 10
    while any(map(alive, started)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [pid for pid in started if alive(pid)] == []
