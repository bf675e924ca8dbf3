"""Parse options: which deviations from RFC 5321 to tolerate, and limits."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Union

from ._smtpreply import DEFAULT_LIMITS, Leniency, _check_options

__all__ = ["Options"]

@dataclasses.dataclass(frozen=True)
class Options:
    """Options of one parse or one :class:`~smtpreply.ReplyParser`.

    The default is strict RFC 5321 with practical limits. Each limit counts
    octets including the code and the CRLF; going over one is a
    :class:`~smtpreply.ParseError` (``line_too_long``, ``reply_too_long``,
    ``too_many_lines``) at the first byte beyond it.

    >>> Options(lenient=Leniency.BARE_LF | Leniency.EMPTY_LINE).lenient
    <Leniency.BARE_LF|EMPTY_LINE: 17>
    >>> Options(lenient=True).lenient is Leniency.ALL
    True

    Wrong types raise ``TypeError`` and out-of-range values ``ValueError``,
    naming the field (``Options(max_line_octets="512")``, ``Options(lenient=3.0)``,
    ``Options(max_reply_lines=0)``).
    """

    lenient: Leniency = Leniency.NONE
    """Deviations to tolerate (``True`` means :attr:`Leniency.ALL`); each one
    used is reported in ``Reply.flags`` under the flag of the same value."""
    max_line_octets: int = DEFAULT_LIMITS["max_line_octets"]
    """Longest line (RFC 5321 says 512; real servers exceed it, Postfix allows 2048)."""
    max_auth_line_octets: int = DEFAULT_LIMITS["max_auth_line_octets"]
    """Longest ``334`` line (SASL challenges; RFC 4954 names 12288)."""
    max_reply_octets: int = DEFAULT_LIMITS["max_reply_octets"]
    """Largest reply, all lines together."""
    max_reply_lines: int = DEFAULT_LIMITS["max_reply_lines"]
    """Most lines in one reply."""

    if TYPE_CHECKING:  # what type checkers see: lenient=True is accepted, as at run time
        def __init__(self, lenient: Union[Leniency, bool] = ..., max_line_octets: int = ...,
                     max_auth_line_octets: int = ..., max_reply_octets: int = ..., max_reply_lines: int = ...) -> None:
            ...

    def __post_init__(self) -> None:
        # The C++ core checks every field (TypeError or ValueError naming it)
        # and normalises the leniency: the same checks parsing applies.
        lenient = _check_options(self.lenient, self.max_line_octets, self.max_auth_line_octets,
                                 self.max_reply_octets, self.max_reply_lines)
        object.__setattr__(self, "lenient", lenient)

    @classmethod
    def strict(cls) -> Options:
        """Strict RFC 5321 (the default)."""
        return cls()

    @classmethod
    def lenient_all(cls) -> Options:
        """Every leniency on: accept what Postfix and Exim accept, and report it."""
        return cls(lenient=Leniency.ALL)

    @classmethod
    def rfc(cls) -> Options:
        """Strict, with RFC 5321's exact 512-octet line limit."""
        return cls(max_line_octets=DEFAULT_LIMITS["rfc_max_line_octets"])

    def replace(self, **changes: Union[Leniency, bool, int]) -> Options:
        """A copy with some fields changed: ``opts.replace(max_reply_lines=10)``."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]
