"""What every reply code and enhanced status code means, what to do about it,
and how two codes differ: the catalog of the C++ core (RFC 5321, RFC 3463
and the IANA registry, texts written for this project), as typed values.

>>> x = explain(421)
>>> x.name, x.reply_class.name, x.action.name, x.closes_connection
('Service not available, closing transmission channel', 'TRANSIENT_NEGATIVE', 'RECONNECT', True)
>>> sorted(d.name for d in compare(250, 421).differences)  # doctest: +NORMALIZE_WHITESPACE
['ADVICE', 'CATEGORY', 'CLOSES_CONNECTION', 'REPLY_CLASS', 'RETRY', 'TRANSIENT_VS_PERMANENT']
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Union, overload

from ._code import ReplyCode
from ._smtpreply import (
    Action,
    Command,
    Difference,
    EnhancedClass,
    EnhancedCode,
    EnhancedSubject,
    Reply,
    ReplyCategory,
    ReplyClass,
    _advise,
    _advise_enhanced,
    _compare_codes,
    _compare_enhanced,
    _explain_code,
    _explain_enhanced,
    _is_retry,
    _responsibility_transferred,
)

__all__ = [
    "Action",
    "Command",
    "Comparison",
    "Difference",
    "EnhancedComparison",
    "EnhancedExplanation",
    "Explanation",
    "VendorNote",
    "advise",
    "compare",
    "explain",
    "responsibility_transferred",
]

CodeLike = Union[int, str, ReplyCode, EnhancedCode]


@dataclasses.dataclass(frozen=True)
class Explanation:
    """Everything the catalog says about a basic reply code. Codes that no RFC
    lists are explained by their digits (``known`` is False), as RFC 5321
    section 4.2.1 asks clients to understand them."""

    code: ReplyCode
    known: bool
    name: str
    meaning: str
    when_seen: str
    how_to_fix: str
    action: Action
    reference: str
    closes_connection: bool
    commands: tuple[Command, ...]
    reply_class: ReplyClass
    class_name: str
    class_meaning: str
    category: ReplyCategory
    category_name: str
    category_meaning: str

    @property
    def action_description(self) -> str:
        return _ACTION_TEXT[self.action]

    @property
    def should_retry(self) -> bool:
        """Whether the same request may be sent again later unchanged."""
        return _is_retry(self.action)


@dataclasses.dataclass(frozen=True)
class VendorNote:
    """A documented meaning one vendor gives to an unregistered enhanced code."""

    vendor: str
    name: str
    description: str
    source: str


@dataclasses.dataclass(frozen=True)
class EnhancedExplanation:
    """Everything the catalog says about an enhanced status code (IANA
    registry). A detail the registry lacks gets its subject's texts."""

    code: EnhancedCode
    known: bool
    known_subject: bool
    deprecated: bool
    name: str
    description: str
    reference: str
    basic_codes: tuple[ReplyCode, ...]
    action: Action
    status_class: EnhancedClass
    class_name: str
    class_description: str
    subject: EnhancedSubject
    subject_name: str
    subject_description: str
    vendor: Optional[VendorNote]

    @property
    def action_description(self) -> str:
        return _ACTION_TEXT[self.action]

    @property
    def should_retry(self) -> bool:
        return _is_retry(self.action)


@dataclasses.dataclass(frozen=True)
class Comparison:
    """Two basic codes side by side, and how they differ."""

    a: Explanation
    b: Explanation
    differences: Difference


@dataclasses.dataclass(frozen=True)
class EnhancedComparison:
    """Two enhanced codes side by side (``CLOSES_CONNECTION`` never applies)."""

    a: EnhancedExplanation
    b: EnhancedExplanation
    differences: Difference


_ACTION_TEXT = {a: (a.__doc__ or a.name) for a in Action}


def _code(value: CodeLike) -> Union[ReplyCode, EnhancedCode]:
    if isinstance(value, EnhancedCode):
        return value
    if isinstance(value, bool):
        raise TypeError("a code is an int, a str or an EnhancedCode, not bool")
    if isinstance(value, int):
        return ReplyCode(value)
    if isinstance(value, str):
        text = value.strip()
        return EnhancedCode.parse(text) if "." in text else ReplyCode.parse(text, allow_out_of_range=True)
    raise TypeError(f"a code is an int, a str or an EnhancedCode, not {type(value).__name__}")


def _explanation(code: ReplyCode) -> Explanation:
    x: Explanation = _explain_code(int(code))
    return x


def _enhanced_explanation(code: EnhancedCode) -> EnhancedExplanation:
    x: EnhancedExplanation = _explain_enhanced(code)
    return x


@overload
def explain(code: Union[int, ReplyCode]) -> Explanation: ...
@overload
def explain(code: EnhancedCode) -> EnhancedExplanation: ...
@overload
def explain(code: str) -> Union[Explanation, EnhancedExplanation]: ...
def explain(code: CodeLike) -> Union[Explanation, EnhancedExplanation]:
    """Explains a basic code (``421``, ``"421"``) or an enhanced code
    (``"5.7.1"``, ``EnhancedCode(5, 7, 1)``). Raises :class:`ParseError` (a
    ``ValueError``) for a malformed string."""
    c = _code(code)
    return _enhanced_explanation(c) if isinstance(c, EnhancedCode) else _explanation(c)


@overload
def compare(a: Union[int, ReplyCode], b: Union[int, ReplyCode]) -> Comparison: ...
@overload
def compare(a: EnhancedCode, b: EnhancedCode) -> EnhancedComparison: ...
@overload
def compare(a: CodeLike, b: CodeLike) -> Union[Comparison, EnhancedComparison]: ...
def compare(a: CodeLike, b: CodeLike) -> Union[Comparison, EnhancedComparison]:
    """Two codes side by side: both basic (``compare(250, 421)``) or both
    enhanced (``compare("4.7.1", "5.7.1")``)."""
    ca, cb = _code(a), _code(b)
    if isinstance(ca, EnhancedCode) and isinstance(cb, EnhancedCode):
        return EnhancedComparison(_enhanced_explanation(ca), _enhanced_explanation(cb),
                                  Difference(_compare_enhanced(ca, cb)))
    if isinstance(ca, ReplyCode) and isinstance(cb, ReplyCode):
        return Comparison(_explanation(ca), _explanation(cb), Difference(_compare_codes(int(ca), int(cb))))
    raise ValueError(f"compare two basic codes or two enhanced codes, not {a!r} and {b!r}")


def advise(
    reply: Union[Reply, int, ReplyCode, EnhancedCode],
    *,
    enhanced: Optional[EnhancedCode] = None,
    command: Command = Command.NONE,
    treat_552_to_rcpt_as_452: bool = True,
    tls: Optional[bool] = None,
) -> Action:
    """What to do about a reply: from its code, its enhanced code and,
    optionally, the command it answers. ``tls`` says whether the session is
    encrypted (None: unknown), which tells the two meanings of 530 apart.
    With an ``EnhancedCode`` alone, advice from the enhanced code."""
    if isinstance(reply, EnhancedCode):
        return _advise_enhanced(reply)
    if isinstance(reply, Reply):
        code, enhanced = int(reply.code), enhanced if enhanced is not None else reply.enhanced
    elif isinstance(reply, int) and not isinstance(reply, bool):
        code = int(ReplyCode(reply))
    else:
        raise TypeError(f"advise() takes a Reply, a code or an EnhancedCode, not {type(reply).__name__}")
    state = 0 if tls is None else (2 if tls else 1)
    return _advise(code, enhanced, command, treat_552_to_rcpt_as_452, state)


def responsibility_transferred(reply: Union[Reply, int], command: Command) -> bool:
    """RFC 5321 section 4.2.5: True only for a 2yz reply to the end of DATA
    (``Command.END_OF_DATA``, also for BDAT LAST): the server now owns the
    message. After 4yz/5yz the sender keeps it and must retry or bounce."""
    code = int(reply.code) if isinstance(reply, Reply) else int(reply)
    return _responsibility_transferred(code, command)
