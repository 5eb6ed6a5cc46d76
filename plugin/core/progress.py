"""Progress reporting and cancellation for long core operations, without any Qt.

Every long core function takes ``progress: Progress | None``. It calls ``progress.update(f)`` with a
fraction in [0, 1] and ``progress.check()`` between blocks; ``check`` raises ProcessingCancelled when the
caller asked to stop. ``sub(a, b)`` maps a sub-step onto part of the parent's range, so a pipeline can
give its stages shares of 0-100 % without them knowing about each other.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import ProcessingCancelled


class Progress:
    def __init__(
        self,
        callback: Callable[[float], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
        start: float = 0.0,
        end: float = 100.0,
    ):
        self._callback = callback
        self._is_cancelled = is_cancelled
        self._start = start
        self._end = end

    def update(self, fraction: float) -> None:
        """Report ``fraction`` (0..1) of this step done; also checks for cancel."""
        if self._callback is not None:
            f = min(max(fraction, 0.0), 1.0)
            self._callback(self._start + f * (self._end - self._start))
        self.check()

    def check(self) -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise ProcessingCancelled("Cancelled by the user")

    @property
    def cancelled(self) -> bool:
        return bool(self._is_cancelled and self._is_cancelled())

    def sub(self, start_fraction: float, end_fraction: float) -> Progress:
        span = self._end - self._start
        return Progress(
            self._callback,
            self._is_cancelled,
            self._start + start_fraction * span,
            self._start + end_fraction * span,
        )


def ensure(progress: Progress | None) -> Progress:
    """The given Progress, or a silent one that never cancels."""
    return progress if progress is not None else Progress()
