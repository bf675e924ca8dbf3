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
import re
import smtplib
from typing import Any, Optional, Tuple, Union, overload

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
ReplyInput = Union[Reply, int, str, ReplyCode, EnhancedCode, Tuple[int, Union[str, bytes]], BaseException]
"""What :func:`advise` and :func:`explain` take: a :class:`Reply`; a reply
code (``550``, ``"550"``); an enhanced code (``"5.2.2"``, ``EnhancedCode``);
a reply's text (``"550 5.1.1 user unknown"``, one line or several, or
flattened onto one); smtplib's ``(code, message)`` tuple; or an smtplib or
aiosmtplib exception (its command from :func:`~smtpreply.command_of`)."""

_ACCEPTED = ("a Reply, a reply code (550 or '550'), an enhanced code ('5.2.2' or EnhancedCode), a reply's text "
             "('550 5.1.1 user unknown'), a (code, message) tuple, or an smtplib or aiosmtplib exception")
_DIGITS = re.compile(r"\d{3}")
_ENHANCED = re.compile(r"\d{1,3}\.\d{1,3}\.\d{1,3}")
_REPLY_TEXT = re.compile(r"\d{3}(?:[ -]|\r?\n)")


@dataclasses.dataclass(frozen=True)
class _Input:
    code: Optional[ReplyCode]
    enhanced: Optional[EnhancedCode]
    command: Command
    reply: Optional[Reply]


def _reply_input(value: object, fn: str) -> _Input:
    """One normalisation of what advise() and explain() take."""
    from .interop import command_of, from_aiosmtplib, from_smtplib

    if isinstance(value, Reply):
        return _Input(value.code, value.enhanced, Command.NONE, value)
    if isinstance(value, EnhancedCode):
        return _Input(None, value, Command.NONE, None)
    if isinstance(value, bool):
        raise TypeError(f"{fn}() takes {_ACCEPTED}, not bool")
    if isinstance(value, int):
        return _Input(ReplyCode(value), None, Command.NONE, None)
    if isinstance(value, str):
        text = value.strip()
        if _ENHANCED.fullmatch(text):
            return _Input(None, EnhancedCode.parse(text), Command.NONE, None)
        if _REPLY_TEXT.match(text):
            reply = _parse_text(text)
            return _Input(reply.code, reply.enhanced, Command.NONE, reply)
        return _Input(ReplyCode.parse(text, allow_out_of_range=True), None, Command.NONE, None)  # ParseError if not
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int):
        reply = from_smtplib(value)
        return _Input(reply.code, reply.enhanced, Command.NONE, reply)
    if isinstance(value, BaseException):
        refused = getattr(value, "recipients", None)
        if refused is not None:
            replies = from_smtplib(value) if isinstance(refused, dict) else from_aiosmtplib(value)  # type: ignore
            if len(replies) != 1:
                raise TypeError(f"{fn}() takes one reply; this {type(value).__name__} holds {len(replies)}: "
                                "take each of smtpreply.from_smtplib(e) (or from_aiosmtplib(e))")
            reply = next(iter(replies.values()))
        elif isinstance(value, smtplib.SMTPResponseException):
            reply = from_smtplib(value)
        elif hasattr(value, "code") and hasattr(value, "message"):
            reply = from_aiosmtplib(value)
        else:
            raise TypeError(f"{fn}() takes {_ACCEPTED}, not {type(value).__name__} (it carries no reply)")
        return _Input(reply.code, reply.enhanced, command_of(value), reply)
    raise TypeError(f"{fn}() takes {_ACCEPTED}, not {type(value).__name__}")


def _parse_text(text: str) -> Reply:
    """A reply from pasted text: its lines (any line ends), else a reply a
    log flattened onto one line."""
    from ._smtpreply import parse
    from .classify import from_diagnostic_code

    wire = "".join(line.strip() + "\r\n" for line in text.splitlines() if line.strip())
    try:
        return parse(wire, lenient=True)
    except ValueError:
        flattened = from_diagnostic_code("smtp; " + " ".join(text.split())).reply
        if flattened is None:
            raise
        return flattened


def _command_arg(command: Any, fn: str) -> Command:
    if isinstance(command, Command):
        return command
    if isinstance(command, str):
        try:
            return Command[command.upper()]
        except KeyError:
            raise ValueError(f"{fn}(): no command named {command!r}") from None
    if isinstance(command, int) and not isinstance(command, bool):
        return Command(command)
    raise TypeError(f"{fn}(): command must be a Command (or its name), not {type(command).__name__}")


def _enhanced_arg(enhanced: Any, fn: str) -> Optional[EnhancedCode]:
    if enhanced is None or isinstance(enhanced, EnhancedCode):
        return enhanced
    if isinstance(enhanced, str):
        return EnhancedCode.parse(enhanced.strip())
    raise TypeError(f"{fn}(): enhanced must be an EnhancedCode, a str like '5.2.2' or None, "
                    f"not {type(enhanced).__name__}")


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
def explain(code: Union[int, ReplyCode, Reply, Tuple[int, Union[str, bytes]], BaseException]) -> Explanation: ...
@overload
def explain(code: EnhancedCode) -> EnhancedExplanation: ...
@overload
def explain(code: str) -> Union[Explanation, EnhancedExplanation]: ...
def explain(code: ReplyInput) -> Union[Explanation, EnhancedExplanation]:
    """Explains a basic code (``421``, ``"421"``) or an enhanced code
    (``"5.7.1"``, ``EnhancedCode(5, 7, 1)``); given a reply (a
    :class:`Reply`, its text, a ``(code, message)`` tuple, an smtplib or
    aiosmtplib exception), its basic code. Takes what :func:`advise` takes.
    Raises :class:`ParseError` (a ``ValueError``) for a malformed string,
    ``TypeError`` for anything else."""
    x = _reply_input(code, "explain")
    if x.code is None:
        assert x.enhanced is not None
        return _enhanced_explanation(x.enhanced)
    return _explanation(x.code)


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
    reply: ReplyInput,
    *,
    enhanced: Union[EnhancedCode, str, None] = None,
    command: Union[Command, str, None] = None,
    treat_552_to_rcpt_as_452: bool = True,
    tls: Optional[bool] = None,
) -> Action:
    """What to do about a reply: from its code, its enhanced code and the
    command it answers. Takes what :func:`explain` takes: a :class:`Reply`,
    ``550`` or ``"550"``, ``"5.2.2"`` or an ``EnhancedCode`` alone (advice
    from the enhanced code), a reply's text, smtplib's ``(code, message)``
    tuple, or an smtplib or aiosmtplib exception, whose type says the
    command (``SMTPRecipientsRefused`` → RCPT, so a 552 there is
    ``RETRY_LATER``; see :func:`~smtpreply.command_of`). ``command``
    (a ``Command`` or its name, ``"rcpt"``) overrides it; ``enhanced``
    (``"5.2.2"`` or an ``EnhancedCode``) overrides the reply's. ``tls`` says
    whether the session is encrypted (None: unknown), which tells the two
    meanings of 530 apart."""
    x = _reply_input(reply, "advise")
    cmd = x.command if command is None else _command_arg(command, "advise")
    esc = _enhanced_arg(enhanced, "advise")
    if not isinstance(treat_552_to_rcpt_as_452, bool):
        kind = type(treat_552_to_rcpt_as_452).__name__
        raise TypeError(f"advise(): treat_552_to_rcpt_as_452 must be a bool, not {kind}")
    if tls is not None and not isinstance(tls, bool):
        raise TypeError(f"advise(): tls must be a bool or None, not {type(tls).__name__}")
    if x.code is None:
        assert x.enhanced is not None
        return Action(_advise_enhanced(esc if esc is not None else x.enhanced))
    state = 0 if tls is None else (2 if tls else 1)
    return Action(_advise(int(x.code), esc if esc is not None else x.enhanced, cmd, treat_552_to_rcpt_as_452, state))


def responsibility_transferred(reply: Union[Reply, int], command: Command) -> bool:
    """RFC 5321 section 4.2.5: True only for a 2yz reply to the end of DATA
    (``Command.END_OF_DATA``, also for BDAT LAST): the server now owns the
    message. After 4yz/5yz the sender keeps it and must retry or bounce."""
    code = int(reply.code) if isinstance(reply, Reply) else int(reply)
    return _responsibility_transferred(code, command)
