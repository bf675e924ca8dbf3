"""The answer to EHLO as typed values (RFC 5321 section 4.1.1.1): the domain
and greeting of the first line, and one :class:`Capability` per keyword of
the lines after it, with typed accessors for the extensions a client acts on.

Keywords are exact tokens (the bytes up to the first space) compared without
regard to case: ``starttls`` is STARTTLS, ``STARTTLSX`` is an unknown keyword
and never STARTTLS, and a keyword in the greeting prose counts for nothing.
Legacy ``AUTH=`` lines are merged into AUTH and repeated keywords into one
capability. Parameters that break their RFC's grammar are ``MALFORMED`` and
flagged, never guessed.

>>> e = ehlo(b"250-mx.example.org Hello\\r\\n250-SIZE 35882577\\r\\n250-AUTH LOGIN PLAIN\\r\\n250 starttls\\r\\n")
>>> e.domain, e.starttls, e.size.limit, e.auth_mechanisms
('mx.example.org', True, 35882577, ('LOGIN', 'PLAIN'))
>>> [(c.keyword, c.params) for c in e.capabilities]
[('SIZE', ('35882577',)), ('AUTH', ('LOGIN', 'PLAIN')), ('STARTTLS', ())]
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional, Tuple, Union

from ._code import ReplyCode
from ._smtpreply import (
    AuthMechanism,
    EhloFlag,
    EhloKeyword,
    MtPriorityPolicy,
    ParamState,
    Reply,
    StarttlsFlag,
    _ascii_upper,
    _diff_starttls,
    _ehlo,
    parse,
)

__all__ = [
    "AuthMechanism",
    "Capability",
    "Ehlo",
    "EhloError",
    "EhloFlag",
    "EhloKeyword",
    "FutureRelease",
    "Limits",
    "MtPriority",
    "MtPriorityPolicy",
    "NumberParam",
    "ParamState",
    "Size",
    "StarttlsDiff",
    "StarttlsFlag",
    "diff_starttls",
    "ehlo",
]

ReplyLike = Union[Reply, bytes, bytearray, memoryview, str]


class EhloError(ValueError):
    """A well-formed reply that is not a successful answer to EHLO.

    Attributes:
        reason: ``"not_250"`` (the C++ ``name(ehlo_errc)``): RFC 5321 section
            4.1.1.1 allows only 250 for success; a client then falls back to
            HELO or gives up.
        reply: the reply.
    """

    reason: str
    reply: Reply

    def __init__(self, reason: str, reply: Reply) -> None:
        self.reason = reason
        self.reply = reply
        super().__init__(f"not a successful EHLO reply: code {int(reply.code):03d}, not 250 (reason: {reason})")

    @property
    def code(self) -> ReplyCode:
        return self.reply.code

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.reason, self.reply))


@dataclasses.dataclass(frozen=True)
class Capability:
    """One keyword and its parameters, merged over every line that carries
    it (an ``AUTH=`` line counts as AUTH)."""

    keyword: str
    """upper-cased (keywords compare without regard to case)"""
    params: tuple[str, ...]
    """exact space-separated tokens, case kept, in order"""
    kind: EhloKeyword
    """the typed keyword, or ``EhloKeyword.UNKNOWN``"""
    sent_as: str
    """the keyword as the server first spelled it"""
    valid_keyword: bool
    """whether it follows the ehlo-keyword grammar of RFC 5321 section 4.1.1.1"""


@dataclasses.dataclass(frozen=True)
class NumberParam:
    """A numeric parameter: DELIVERBY, a LIMITS entry, SIZE. ``value`` is set
    only in state ``VALUE``."""

    state: ParamState
    value: Optional[int]

    @property
    def advertised(self) -> bool:
        return self.state is not ParamState.ABSENT


@dataclasses.dataclass(frozen=True)
class Size(NumberParam):
    """SIZE (RFC 1870): ``ABSENT``; ``NO_VALUE`` (no limit announced);
    ``VALUE`` with ``value`` 0 meaning "no fixed maximum", else the limit in
    octets; ``MALFORMED``."""

    @property
    def limit(self) -> Optional[int]:
        """The largest message in octets, or None when none is announced
        (not advertised, no value, 0, or malformed)."""
        return self.value or None


@dataclasses.dataclass(frozen=True)
class MtPriority:
    """MT-PRIORITY [SP policy-name] (RFC 6710)."""

    state: ParamState
    policy: MtPriorityPolicy
    policy_name: Optional[str]
    """as sent; None without a parameter"""

    @property
    def advertised(self) -> bool:
        return self.state is not ParamState.ABSENT


@dataclasses.dataclass(frozen=True)
class FutureRelease:
    """FUTURERELEASE max-interval max-date-time (RFC 4865); both are set only
    in state ``VALUE``."""

    state: ParamState
    max_interval: Optional[int]
    """seconds"""
    max_date_time: Optional[str]
    """an RFC 3339 date-time, as sent"""

    @property
    def advertised(self) -> bool:
        return self.state is not ParamState.ABSENT


@dataclasses.dataclass(frozen=True)
class Limits:
    """LIMITS (RFC 9422). Each entry is ``ABSENT`` unless the server named it;
    other limit names stay in the capability's parameters."""

    state: ParamState
    rcptmax: NumberParam
    mailmax: NumberParam
    rcptdomainmax: NumberParam

    @property
    def advertised(self) -> bool:
        return self.state is not ParamState.ABSENT


@dataclasses.dataclass(frozen=True)
class Ehlo:
    """A 250 reply to EHLO, read into typed values. Build it with
    :func:`ehlo`."""

    domain: str
    """the first word of the first line (a domain or address literal)"""
    greeting: str
    """the rest of the first line: prose, never capabilities"""
    capabilities: tuple[Capability, ...]
    """every distinct keyword, typed or not, in order of first appearance"""
    auth_mechanisms: tuple[str, ...]
    """AUTH mechanisms upper-cased, each once, in order of first appearance"""
    auth: frozenset[AuthMechanism]
    """the mechanisms known by name"""
    unknown_auth_mechanisms: tuple[str, ...]
    """the others (upper-cased), in order"""
    keywords: frozenset[EhloKeyword]
    """the typed keywords advertised"""
    size: Size
    deliverby: NumberParam
    """DELIVERBY [min-by-time] (RFC 2852), seconds"""
    mt_priority: MtPriority
    futurerelease: FutureRelease
    limits: Limits
    flags: EhloFlag
    """what reading the reply noticed (none makes it fail)"""
    capability_lines: int
    """lines after the first, keyword or not"""
    reply: Reply = dataclasses.field(repr=False)

    def __contains__(self, keyword: object) -> bool:
        return self.find(keyword) is not None if isinstance(keyword, (str, EhloKeyword)) else False

    def find(self, keyword: Union[str, EhloKeyword]) -> Optional[Capability]:
        """The capability with this keyword (exact token, any case, or a
        typed keyword), or None."""
        if isinstance(keyword, EhloKeyword):
            if keyword is EhloKeyword.UNKNOWN:
                return None
            return next((c for c in self.capabilities if c.kind is keyword), None)
        wanted = _ascii_upper(keyword)
        return next((c for c in self.capabilities if c.keyword == wanted), None)

    def has(self, keyword: Union[str, EhloKeyword]) -> bool:
        return self.find(keyword) is not None

    @property
    def pipelining(self) -> bool:
        """PIPELINING (RFC 2920)"""
        return EhloKeyword.PIPELINING in self.keywords

    @property
    def starttls(self) -> bool:
        """STARTTLS (RFC 3207)"""
        return EhloKeyword.STARTTLS in self.keywords

    @property
    def eightbitmime(self) -> bool:
        """8BITMIME (RFC 6152)"""
        return EhloKeyword.EIGHTBITMIME in self.keywords

    @property
    def binarymime(self) -> bool:
        """BINARYMIME (RFC 3030)"""
        return EhloKeyword.BINARYMIME in self.keywords

    @property
    def chunking(self) -> bool:
        """CHUNKING (RFC 3030)"""
        return EhloKeyword.CHUNKING in self.keywords

    @property
    def smtputf8(self) -> bool:
        """SMTPUTF8 (RFC 6531)"""
        return EhloKeyword.SMTPUTF8 in self.keywords

    @property
    def enhancedstatuscodes(self) -> bool:
        """ENHANCEDSTATUSCODES (RFC 2034)"""
        return EhloKeyword.ENHANCEDSTATUSCODES in self.keywords

    @property
    def dsn(self) -> bool:
        """DSN (RFC 3461)"""
        return EhloKeyword.DSN in self.keywords

    @property
    def requiretls(self) -> bool:
        """REQUIRETLS (RFC 8689)"""
        return EhloKeyword.REQUIRETLS in self.keywords

    def to_dict(self) -> dict[str, Any]:
        """The JSON form that ``smtpreply ehlo --json`` prints."""
        return {
            "domain": self.domain,
            "greeting": self.greeting,
            "capabilities": [{"keyword": c.keyword, "params": list(c.params)} for c in self.capabilities],
            "auth_mechanisms": list(self.auth_mechanisms),
            "size": {"advertised": self.size.advertised, "limit": self.size.limit},
            "flags": [f.name.lower() for f in sorted(EhloFlag, key=int) if f.name and self.flags & f],
        }


def ehlo(reply: Union[ReplyLike, Tuple[int, Union[bytes, str]]], *, lenient: bool = False) -> Ehlo:
    """Reads a complete reply to EHLO: a :class:`Reply`, its bytes (parsed
    as :func:`smtpreply.parse` does, strict unless ``lenient``), or the
    ``(code, message)`` tuple that smtplib's ``SMTP.ehlo()`` returns (rebuilt
    as :func:`~smtpreply.from_smtplib` does: leniently, the library took it).

    Raises :class:`EhloError` (``reason="not_250"``) for a well-formed reply
    whose code is not 250, :class:`ParseError` for bytes that are not exactly
    one reply; both are ``ValueError``. Oddities in the capabilities never
    raise: they are in ``flags``."""
    if isinstance(reply, tuple):
        from .interop import from_smtplib

        if len(reply) != 2 or not isinstance(reply[0], int):
            raise TypeError("ehlo() takes smtplib's (code, message) tuple, not a tuple of another shape")
        reply = from_smtplib(reply)
    if not isinstance(reply, Reply):
        if not isinstance(reply, (bytes, bytearray, memoryview, str)):
            raise TypeError(f"ehlo() takes a Reply, bytes, str or smtplib's (code, message) tuple, "
                            f"not {type(reply).__name__}")
        reply = parse(reply, lenient=lenient)
    result: Optional[Ehlo] = _ehlo(reply)
    if result is None:
        raise EhloError("not_250", reply)
    return result


@dataclasses.dataclass(frozen=True)
class StarttlsDiff:
    """What changed between the EHLO replies before and after STARTTLS. RFC
    3207 section 4.2 makes the client discard the first list; this says what
    a man in the middle (or a misconfiguration) would have changed. Keywords
    are upper-cased, mechanisms too."""

    vanished: tuple[str, ...]
    """keywords before TLS that are gone after it (STARTTLS itself excluded)"""
    appeared: tuple[str, ...]
    """keywords only after TLS (AUTH often: normal)"""
    changed: tuple[str, ...]
    """keywords in both lists whose parameters differ (AUTH: as a set of mechanisms)"""
    auth_vanished: tuple[str, ...]
    """mechanisms offered only before TLS: suspicious"""
    auth_appeared: tuple[str, ...]
    """mechanisms offered only after TLS"""
    flags: StarttlsFlag

    @property
    def suspicious(self) -> bool:
        """A capability or mechanism vanished, or STARTTLS is offered again."""
        return bool(self.flags & (StarttlsFlag.CAPABILITY_VANISHED | StarttlsFlag.AUTH_ONLY_BEFORE_TLS
                                  | StarttlsFlag.STARTTLS_AFTER_TLS))


def diff_starttls(before: Union[Ehlo, ReplyLike], after: Union[Ehlo, ReplyLike]) -> StarttlsDiff:
    """Compares the capabilities before and after STARTTLS. Each argument is
    an :class:`Ehlo`, or anything :func:`ehlo` takes (parsed strictly)."""
    b = before.reply if isinstance(before, Ehlo) else ehlo(before).reply
    a = after.reply if isinstance(after, Ehlo) else ehlo(after).reply
    result: StarttlsDiff = _diff_starttls(b, a)
    return result
