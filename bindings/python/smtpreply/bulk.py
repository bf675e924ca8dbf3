"""Bulk work without a Python object per reply: :func:`scan` parses a whole
buffer (a log, a captured stream) in one pass of the C++ batch API and
returns columns, one entry per reply, as typed ``memoryview`` objects (no
numpy needed; ``numpy.frombuffer`` and ``array.array`` take them as they
are). :func:`classify_many` adds each reply's reason and action.

>>> s = scan(b"220 mx ESMTP\\r\\n250-mx\\r\\n250 8BITMIME\\r\\n550 5.1.1 unknown user\\r\\n")
>>> len(s), s.codes.tolist(), s.offsets.tolist(), s.lines.tolist()
(3, [220, 250, 550], [0, 14, 36], [1, 2, 1])
>>> s.enhanced.tolist(), s.error is None
([0, 0, 5001001], True)
>>> from smtpreply import Reason
>>> [str(Reason(r)) for r in classify_many(b"550 5.1.1 unknown user\\r\\n452 4.2.2 full\\r\\n").reasons]
['user_unknown', 'mailbox_full']
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Union

from ._errors import ParseError
from ._options import Options
from ._smtpreply import _SCAN_NOGIL_BYTES, ERROR_MESSAGES, Command, Leniency, _scan

__all__ = ["SCAN_NOGIL_BYTES", "Scan", "classify_many", "scan"]

Data = Union[bytes, bytearray, memoryview, str]


@dataclasses.dataclass(frozen=True)
class Scan:
    """The replies of a buffer as columns (index ``i`` is the ``i``-th reply).

    ``offsets`` (``Q``) and ``lengths`` (``I``): where each reply's bytes are
    in the input; ``codes`` (``H``); ``lines`` (``I``): line count;
    ``enhanced`` (``I``): the enhanced code a :class:`Reply` would report, as
    ``class * 1000000 + subject * 1000 + detail`` (``5001001`` is 5.1.1), 0
    when none; ``flags`` (``I``): :class:`Flag` bits. After
    :func:`classify_many`, ``reasons`` and ``actions`` (``B``) hold
    :class:`Reason` and :class:`Action` values; otherwise they are empty.

    Parsing stops at the first error: ``error`` is its reason (as
    :attr:`ParseError.reason`), ``error_offset`` its position, and the
    columns hold the replies before it; ``consumed`` is where the first reply
    not returned starts (the input's size when there was no error).
    :meth:`check` raises the error as :class:`ParseError`.
    """

    offsets: memoryview
    lengths: memoryview
    codes: memoryview
    lines: memoryview
    enhanced: memoryview
    flags: memoryview
    reasons: memoryview
    actions: memoryview
    error: Optional[str]
    error_offset: int
    consumed: int

    def __len__(self) -> int:
        return len(self.codes)

    def check(self) -> Scan:
        """Raises :class:`ParseError` if the scan stopped at an error; returns self otherwise."""
        if self.error is not None:
            raise ParseError(self.error, self.error_offset, ERROR_MESSAGES.get(self.error, self.error), ())
        return self


def _run(data: Data, options: Optional[Options], lenient: Union[bool, Leniency], with_classes: bool,
         command: Command, nogil_bytes: int = _SCAN_NOGIL_BYTES) -> Scan:
    (offsets, lengths, codes, lines, enhanced, flags, reasons, actions, error, error_offset,
     consumed) = _scan(data, options, lenient, with_classes, command, nogil_bytes)
    return Scan(
        offsets=memoryview(offsets).cast("Q"),
        lengths=memoryview(lengths).cast("I"),
        codes=memoryview(codes).cast("H"),
        lines=memoryview(lines).cast("I"),
        enhanced=memoryview(enhanced).cast("I"),
        flags=memoryview(flags).cast("I"),
        reasons=memoryview(reasons).cast("B"),
        actions=memoryview(actions).cast("B"),
        error=error,
        error_offset=error_offset,
        consumed=consumed,
    )


def scan(data: Data, *, options: Optional[Options] = None, lenient: Union[bool, Leniency] = False) -> Scan:
    """Every reply of ``data`` as columns (see :class:`Scan`), with the
    replies, flags and first error of :func:`parse_all`, but no object per
    reply and no exception: check :attr:`Scan.error` or call
    :meth:`Scan.check`. The GIL is released while inputs of
    ``SCAN_NOGIL_BYTES`` bytes or more are parsed (do not change a mutable
    buffer meanwhile)."""
    return _run(data, options, lenient, False, Command.NONE)


def classify_many(data: Data, *, command: Optional[Command] = None, options: Optional[Options] = None,
                  lenient: Union[bool, Leniency] = False) -> Scan:
    """:func:`scan`, plus the :func:`classify` reason and action of every
    reply (``command``: the command they answer, when one is known) in the
    ``reasons`` and ``actions`` columns."""
    return _run(data, options, lenient, True, Command.NONE if command is None else Command(command))


SCAN_NOGIL_BYTES: int = _SCAN_NOGIL_BYTES
"""Inputs of at least this many bytes are scanned with the GIL released."""
