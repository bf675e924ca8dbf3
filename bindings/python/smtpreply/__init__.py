"""smtpreply: a fast, strict-by-default parser for SMTP server replies
(RFC 5321 section 4.2), with RFC 3463 enhanced status codes, a streaming
parser for pipelined connections, and named leniencies for what real servers
send. The core is the header-only C++ library of the same name.

>>> import smtpreply
>>> r = smtpreply.parse(b"421 4.3.2 Service shutting down\\r\\n")
>>> r.code, r.reply_class.name, str(r.enhanced), r.is_transient
(ReplyCode(421), 'TRANSIENT_NEGATIVE', '4.3.2', True)
>>> parser = smtpreply.ReplyParser()
>>> parser.feed(b"250-mx.example.org\\r\\n250 SIZE")
[]
>>> [reply.lines for reply in parser.feed(b" 1000\\r\\n")]
[('mx.example.org', 'SIZE 1000')]
"""

from ._errors import ParseError
from ._smtpreply import (
    ERROR_MESSAGES,
    EnhancedClass,
    EnhancedCode,
    EnhancedSubject,
    Flag,
    Leniency,
    Reply,
    ReplyCategory,
    ReplyClass,
    ReplyParser,
    TextEncoding,
    __version__,
    parse,
    parse_all,
)
from ._code import ReplyCode
from ._options import Options
from ._format import format_reply
from .interop import from_aiosmtplib, from_code_and_text, from_smtplib
from .capabilities import (
    AuthMechanism,
    Capability,
    Ehlo,
    EhloError,
    EhloFlag,
    EhloKeyword,
    FutureRelease,
    Limits,
    MtPriority,
    MtPriorityPolicy,
    NumberParam,
    ParamState,
    Size,
    StarttlsDiff,
    StarttlsFlag,
    diff_starttls,
    ehlo,
)
from .session import (
    CodeCheck,
    ExpectedReply,
    PipelineTracker,
    ReplyRole,
    TrackFlag,
    TrackResult,
    Transcript,
    TranscriptError,
    TranscriptReply,
    check_reply,
    check_transcript,
    command_from_line,
    expected_replies,
)

try:  # the catalog is bound when the C++ core has it (include/smtpreply/catalog.hpp)
    from .catalog import (
        Action,
        Command,
        Comparison,
        Difference,
        EnhancedComparison,
        EnhancedExplanation,
        Explanation,
        advise,
        compare,
        explain,
        responsibility_transferred,
    )
    from .render import render
    from .classify import Classification, Diagnostic, Reason, Rule, classify, find_enhanced, from_diagnostic_code
    from . import bounces
except ImportError:  # pragma: no cover - a core built without the catalog
    pass

__all__ = [
    "AuthMechanism",
    "Capability",
    "CodeCheck",
    "Ehlo",
    "EhloError",
    "EhloFlag",
    "EhloKeyword",
    "ExpectedReply",
    "FutureRelease",
    "Limits",
    "MtPriority",
    "MtPriorityPolicy",
    "NumberParam",
    "ParamState",
    "PipelineTracker",
    "ReplyRole",
    "Size",
    "StarttlsDiff",
    "StarttlsFlag",
    "TrackFlag",
    "TrackResult",
    "Transcript",
    "TranscriptError",
    "TranscriptReply",
    "check_reply",
    "check_transcript",
    "command_from_line",
    "diff_starttls",
    "ehlo",
    "expected_replies",
    "Action",
    "Command",
    "Comparison",
    "Difference",
    "EnhancedComparison",
    "EnhancedExplanation",
    "Explanation",
    "advise",
    "compare",
    "explain",
    "render",
    "responsibility_transferred",
    "Classification",
    "Diagnostic",
    "Reason",
    "Rule",
    "bounces",
    "classify",
    "find_enhanced",
    "from_diagnostic_code",
    "ERROR_MESSAGES",
    "EnhancedClass",
    "EnhancedCode",
    "EnhancedSubject",
    "Flag",
    "Leniency",
    "Options",
    "ParseError",
    "Reply",
    "ReplyCategory",
    "ReplyClass",
    "ReplyCode",
    "ReplyParser",
    "TextEncoding",
    "__version__",
    "format_reply",
    "from_aiosmtplib",
    "from_code_and_text",
    "from_smtplib",
    "parse",
    "parse_all",
]
