"""Why a reply failed, what to do about it, and whether it is a hard or soft
bounce: :func:`classify` over a :class:`Reply` or reply text (including a
multi-line reply flattened onto one line, as logs and bounces carry it), with
the rule that decided and its documented source. The rules are the C++
tables of ``include/smtpreply/classify.hpp``.

>>> c = classify(b"552-5.2.2 The email account that you tried to reach is over quota. 552 5.2.2 - gsmtp")
>>> str(c.reason), c.action.name, c.permanent, c.provider
('mailbox_full', 'RETRY_LATER', False, 'Google')
>>> classify("451 4.7.1 Greylisted, try again in 300 seconds").retry_after
300
>>> str(from_diagnostic_code("smtp; 550-5.1.1 a 550 5.1.1 user unknown").message)
'5.1.1 a user unknown'
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional, Union

from ._code import ReplyCode
from ._smtpreply import (
    Action,
    Command,
    EnhancedCode,
    Reason,
    Reply,
    _classify_reply,
    _classify_text,
    _diagnostic_code,
    _find_enhanced,
    _reason_table,
    parse,
)

__all__ = [
    "Classification",
    "Diagnostic",
    "Reason",
    "Rule",
    "classify",
    "find_enhanced",
    "from_diagnostic_code",
    "reason_info",
]

ReplyLike = Union[Reply, bytes, bytearray, memoryview, str]


@dataclasses.dataclass(frozen=True)
class Rule:
    """The rule that decided: its ``kind`` (``provider``, ``phrase``,
    ``enhanced``, ``context`` or ``reply_class``), its stable ``id``, the
    table phrase or marker it ``matched`` (lower case; empty for codes), and
    the documented ``source`` of the row."""

    kind: str
    id: str
    matched: str
    source: str


@dataclasses.dataclass(frozen=True)
class Classification:
    """What :func:`classify` found."""

    reason: Reason
    action: Action
    permanent: bool
    rule: Rule
    provider: Optional[str]
    retry_after: Optional[int]
    code: Optional[ReplyCode]
    enhanced: Optional[EnhancedCode]

    def as_dict(self) -> dict[str, Any]:
        """Plain values (ids and strings), e.g. for JSON."""
        return {
            "reason": str(self.reason),
            "action": self.action.name.lower(),
            "permanent": self.permanent,
            "rule": self.rule.id,
            "rule_kind": self.rule.kind,
            "matched": self.rule.matched or None,
            "source": self.rule.source,
            "provider": self.provider,
            "retry_after": self.retry_after,
            "code": int(self.code) if self.code is not None else None,
            "enhanced": str(self.enhanced) if self.enhanced is not None else None,
        }


def _classification(d: dict[str, Any]) -> Classification:
    return Classification(
        reason=Reason(d["reason"]),
        action=Action(d["action"]),
        permanent=d["permanent"],
        rule=Rule(d["rule_kind"], d["rule_id"], d["rule_matched"], d["rule_source"]),
        provider=d["provider"],
        retry_after=d["retry_after"],
        code=ReplyCode(d["code"]) if d["code"] else None,
        enhanced=d["enhanced"],
    )


def classify(reply: ReplyLike, *, command: Optional[Command] = None) -> Classification:
    """Classifies a reply: a :class:`Reply`, or reply text as ``bytes`` or
    ``str`` with or without the final CRLF, one line or several, or a
    multi-line reply flattened onto one line. ``command`` is the command the
    reply answers, when known (``Command.RCPT``, ...)."""
    cmd = Command.NONE if command is None else Command(command)
    if isinstance(reply, Reply):
        return _classification(_classify_reply(reply, cmd))
    if isinstance(reply, (bytes, bytearray, memoryview, str)):
        return _classification(_classify_text(reply, cmd))
    raise TypeError(f"classify() takes a Reply, bytes or str, not {type(reply).__name__}")


@dataclasses.dataclass(frozen=True)
class Diagnostic:
    """An RFC 3464 Diagnostic-Code field: its ``type`` (``"smtp"``,
    ``"X-Postfix"``, or ``""``), its ``text``, and the ``reply`` parsed from
    the text when it is an SMTP reply (None otherwise)."""

    type: str
    text: str
    reply: Optional[Reply]

    @property
    def message(self) -> str:
        """The human text: the reply's message, or the text itself."""
        return self.reply.message if self.reply is not None else self.text

    def classify(self, *, command: Optional[Command] = None) -> Classification:
        return classify(self.reply if self.reply is not None else self.text, command=command)


def from_diagnostic_code(field: Union[bytes, str]) -> Diagnostic:
    """Reads a Diagnostic-Code value (RFC 3464 section 2.3.6,
    ``diagnostic-type; text``), with or without the field name, unfolded or
    not: ``from_diagnostic_code("smtp; 550-5.1.1 a 550 5.1.1 b").reply`` is
    the two-line 550 reply."""
    d = _diagnostic_code(field)
    reply = None
    if d["lines"]:
        try:
            reply = parse(d["lines"], lenient=True)
        except ValueError:
            reply = None
    return Diagnostic(
        type=d["type"].decode("utf-8", "surrogateescape"),
        text=d["text"].decode("utf-8", "surrogateescape"),
        reply=reply,
    )


def find_enhanced(text: Union[bytes, str]) -> Optional[EnhancedCode]:
    """The enhanced status code at the start of ``text``: ``"5.1.1 ..."``,
    ``"#5.1.0 ..."``, ``"550 5.1.1 ..."`` or a DSN's ``"Status: 5.0.0
    (permanent failure)"``; None when there is none (or it is malformed)."""
    found = _find_enhanced(text)
    return found[0] if found is not None else None


@dataclasses.dataclass(frozen=True)
class ReasonInfo:
    """A row of the C++ ``reason_table``."""

    reason: Reason
    id: str
    description: str
    source: str


def reason_info(reason: Union[Reason, str]) -> ReasonInfo:
    """The description and source of a reason (by enum or id)."""
    r = Reason[reason.upper()] if isinstance(reason, str) else Reason(reason)
    value, rid, description, source = _reason_table[int(r)]
    return ReasonInfo(Reason(value), rid, description, source)
