"""What ends a release early. `main` turns each into one `make release: …` line on stderr, never a traceback."""

from __future__ import annotations

import signal


class ReleaseError(Exception):
    """A failed step: the message (Vietnamese) says what happened and what to do. Exit code 1."""

    label = "lỗi"


class Refusal(ReleaseError):
    """The release will not start: nothing was written. Exit code 1."""

    label = "từ chối"


class Stopped(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived. A BaseException, like KeyboardInterrupt, so no `except Exception` swallows it
    on the way to the undo; the exit code is the shell's convention, 128 + the signal number (130, 143, 129)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum
