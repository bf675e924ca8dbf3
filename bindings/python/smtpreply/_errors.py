"""The exception raised for malformed input (defined in Python so that it
pickles and reads like any other ``ValueError``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    from ._smtpreply import Reply

__all__ = ["ParseError"]


class ParseError(ValueError):
    """Malformed input.

    Attributes:
        reason: the stable name of the error, e.g. ``"bare_lf"`` (the C++
            ``smtpreply::name(errc)``), or ``"trailing_data"`` from
            :func:`smtpreply.parse` when bytes follow the one reply.
        offset: the byte offset of the offending byte in the input given to
            ``parse()``/``parse_all()``, or in the whole stream fed to a
            :class:`~smtpreply.ReplyParser` since it was created, reset or
            finished. For ``"incomplete"`` it is where the unfinished reply
            starts.
        replies: the replies completed by the same call before the error
            (``feed()`` and ``parse_all()``; empty otherwise).
    """

    reason: str
    offset: int
    replies: tuple[Reply, ...]

    def __init__(self, reason: str, offset: int, message: str = "", replies: Iterable[Reply] = ()) -> None:
        self.reason = reason
        self.offset = offset
        self.message = message or reason
        self.replies = tuple(replies)
        super().__init__(f"{self.message} (reason: {reason}, at byte {offset})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reason, self.offset, self.message, self.replies))
