"""Every child process of a release, and what SIGINT and SIGTERM do to them.

A Ctrl-C reaches the terminal's foreground process group; `kill` reaches one process. Either way the release
must stop everything it started (the bundle's make → python → mkdocs → …, mkdocs, mike's git fast-import) before
it undoes its changelog commit; a survivor would go on writing an edition after the undo. So:

- a long child runs in a process group of its own (`process_group=0`) and the handler signals that whole group
  (SIGTERM, then SIGKILL after `grace` seconds); what is left of the group when its leader exits goes too;
- the handler raises nothing: it records the signal, and `run` raises `Stopped` when the child is gone (and at
  the start of the next step), so no step is cut half-way through Python code;
- inside `critical()` (the changelog commit, the undo, the push) nothing is killed and nothing is raised:
  a `git commit` killed half-way would leave `.git/index.lock` behind;
- git talking to a remote (`foreground=True`) stays in the terminal's group, where ssh or a credential helper
  can ask for a passphrase; a Ctrl-C reaches it directly, a SIGTERM is passed on to it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from sotay.release.errors import Stopped

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)  # SIGHUP: the terminal closed


class Runner:
    def __init__(self, grace: float = 5.0) -> None:
        self.grace = grace
        self.signum: int | None = None
        self._active: dict[subprocess.Popen, bool] = {}  # process → own process group
        self._critical = 0
        self._previous: dict[int, object] = {}

    # ---------------------------------------------------------- signals

    @contextlib.contextmanager
    def handling_signals(self) -> Iterator[Runner]:
        """Install the handler for SIGINT, SIGTERM and SIGHUP for the duration of the release."""
        for signum in SIGNALS:
            self._previous[signum] = signal.signal(signum, self._handle)
        try:
            yield self
        finally:
            for signum, previous in self._previous.items():
                signal.signal(signum, previous)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: object) -> None:
        if self.signum is None:
            self.signum = signum
        if not self._critical:
            for proc, own_group in list(self._active.items()):
                _send(proc, signal.SIGTERM, own_group)

    @contextlib.contextmanager
    def critical(self) -> Iterator[None]:
        """A block no signal cuts: children run to their end; `Stopped` waits for the next `check` or `run`."""
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1

    def check(self) -> None:
        """Raise `Stopped` if a signal came (outside a critical block): the release goes to its undo."""
        if self.signum is not None and not self._critical:
            raise Stopped(self.signum)

    # ---------------------------------------------------------- children

    def run(self, args: Sequence[str], *, cwd: Path, env: Mapping[str, str] | None = None, capture: bool = True,
            foreground: bool = False) -> subprocess.CompletedProcess:
        """Run `args` (a list: no shell ever reads a value) in `cwd` with `env`; stdin is /dev/null unless
        `foreground` (then the child may prompt on the terminal). `capture=False`: the child's output is passed
        on line by line as it comes, and no longer once a signal came (the dying make, mkdocs… add nothing to
        the one line that says the release stopped)."""
        self.check()
        proc = subprocess.Popen(list(args), cwd=cwd, env=dict(env) if env is not None else None, text=True,
                                stdin=None if foreground else subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, process_group=None if foreground else 0)
        own_group = not foreground
        self._active[proc] = own_group
        if self.signum is not None and not self._critical:  # the signal came while Popen was starting it
            _send(proc, signal.SIGTERM, own_group)
        relays = [] if capture else [self._relay(proc.stdout, sys.stdout), self._relay(proc.stderr, sys.stderr)]
        try:
            stdout, stderr = self._wait(proc, own_group, relays)
        finally:
            del self._active[proc]
            if self.signum is not None and own_group:
                _send(proc, signal.SIGKILL, own_group)  # whatever of its group outlived the leader
            for relay in relays:
                relay.join(timeout=10)  # a pipe held open by something outside the group: do not hang
        self.check()
        return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)

    def _relay(self, source: IO[str], target: IO[str]) -> threading.Thread:
        def copy() -> None:
            for line in source:
                if self.signum is None:
                    target.write(line)
                    target.flush()
            source.close()

        thread = threading.Thread(target=copy, daemon=True)
        thread.start()
        return thread

    def _wait(self, proc: subprocess.Popen, own_group: bool,
              relays: list[threading.Thread]) -> tuple[str | None, str | None]:
        deadline: float | None = None
        while True:
            try:
                if relays:  # the threads read the pipes
                    proc.wait(timeout=0.2)
                    return None, None
                return proc.communicate(timeout=0.2)
            except subprocess.TimeoutExpired:
                if self.signum is None or self._critical:
                    continue
                if deadline is None:
                    deadline = time.monotonic() + self.grace
                elif time.monotonic() > deadline:
                    _send(proc, signal.SIGKILL, own_group)


def _send(proc: subprocess.Popen, signum: int, own_group: bool) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        if own_group:
            os.killpg(proc.pid, signum)
        elif proc.returncode is None:
            proc.send_signal(signum)
