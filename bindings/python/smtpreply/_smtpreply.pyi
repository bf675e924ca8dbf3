"""
C++ core of smtpreply (use the `smtpreply` package, not this module).
"""
from __future__ import annotations
import enum
import smtpreply._options
import smtpreply._code
import typing
__all__: list[str] = ['DEFAULT_LIMITS', 'ERROR_MESSAGES', 'EnhancedClass', 'EnhancedCode', 'EnhancedSubject', 'Flag', 'Leniency', 'Reply', 'ReplyCategory', 'ReplyClass', 'ReplyParser', 'TextEncoding', 'parse', 'parse_all', 'Action', 'Command', 'Difference', 'Reason', 'AuthMechanism', 'CodeCheck', 'EhloFlag', 'EhloKeyword', 'MtPriorityPolicy', 'ParamState', 'ReplyRole', 'StarttlsFlag', 'TrackFlag']
class ReplyClass(enum.IntEnum):
    """
    What a reply code's first digit says (RFC 5321 section 4.2.1). The value is the digit.
    """
    UNKNOWN = 0
    POSITIVE_COMPLETION = 2
    POSITIVE_INTERMEDIATE = 3
    TRANSIENT_NEGATIVE = 4
    PERMANENT_NEGATIVE = 5
class ReplyCategory(enum.IntEnum):
    """
    What a reply code's second digit says (RFC 5321 section 4.2.1). The value is the digit (UNKNOWN is 255).
    """
    SYNTAX = 0
    INFORMATION = 1
    CONNECTIONS = 2
    UNSPECIFIED_3 = 3
    UNSPECIFIED_4 = 4
    MAIL_SYSTEM = 5
    UNKNOWN = 255
class EnhancedClass(enum.IntEnum):
    """
    The class of an enhanced status code (RFC 3463 section 3.1).
    """
    UNKNOWN = 0
    SUCCESS = 2
    PERSISTENT_TRANSIENT_FAILURE = 4
    PERMANENT_FAILURE = 5
class EnhancedSubject(enum.IntEnum):
    """
    The subject of an enhanced status code (RFC 3463 sections 3.2-3.9); UNKNOWN (65535) for 8 and above.
    """
    OTHER = 0
    ADDRESSING = 1
    MAILBOX = 2
    MAIL_SYSTEM = 3
    NETWORK_ROUTING = 4
    MAIL_DELIVERY_PROTOCOL = 5
    MESSAGE_CONTENT = 6
    SECURITY_POLICY = 7
    UNKNOWN = 65535
class TextEncoding(enum.Enum):
    """
    What the bytes of a reply's text are.
    """
    ASCII = 0
    UTF8 = 1
    OTHER_8BIT = 2
class Flag(enum.IntFlag):
    """
    What a parse noticed about a reply. The first seven are deviations that a leniency tolerated (same names and bits as Leniency); the others are facts that never make a parse fail.
    """
    BARE_LF = 1
    INVALID_SEPARATOR = 2
    CODE_OUT_OF_RANGE = 4
    MIXED_CODES = 8
    EMPTY_LINE = 16
    INVALID_UTF8 = 32
    CONTROL_CHARACTER = 64
    LONG_LINE = 256
    ESC_MALFORMED = 512
    ESC_HASH_PREFIX = 1024
    ESC_CLASS_MISMATCH = 2048
    ESC_ON_3XX = 4096
    ESC_LINES_DISAGREE = 8192
class Leniency(enum.IntFlag):
    """
    One bit per tolerated deviation from RFC 5321; the Flag of the same name reports that it was used. ALL turns every one on.
    """
    NONE = 0
    ALL = 127
    BARE_LF = 1
    INVALID_SEPARATOR = 2
    CODE_OUT_OF_RANGE = 4
    MIXED_CODES = 8
    EMPTY_LINE = 16
    INVALID_UTF8 = 32
    CONTROL_CHARACTER = 64
class EnhancedCode:
    """
    An RFC 3463 enhanced status code, class.subject.detail (e.g. 5.7.1), parts kept exactly. Compares and hashes like its string, so `enhanced == '5.7.1'` works.
    """
    @staticmethod
    def parse(text: str) -> EnhancedCode:
        """
        Parses 'class.subject.detail' (RFC 3463: no leading zeros). Raises ParseError.
        """
    def __eq__(self, other: object) -> bool:
        ...
    def __ge__(self, other: EnhancedCode) -> bool:
        ...
    def __getstate__(self) -> tuple[int, int, int]:
        ...
    def __gt__(self, other: EnhancedCode) -> bool:
        ...
    def __hash__(self) -> int:
        ...
    def __init__(self, status_class: typing.Any, subject: typing.Any, detail: typing.Any) -> None:
        ...
    def __le__(self, other: EnhancedCode) -> bool:
        ...
    def __lt__(self, other: EnhancedCode) -> bool:
        ...
    def __ne__(self, other: object) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, arg0: tuple[typing.Any, ...]) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def detail(self) -> int:
        ...
    @property
    def is_permanent(self) -> bool:
        ...
    @property
    def is_success(self) -> bool:
        ...
    @property
    def is_transient(self) -> bool:
        ...
    @property
    def status_class(self) -> EnhancedClass:
        ...
    @property
    def subject(self) -> int:
        ...
    @property
    def subject_kind(self) -> EnhancedSubject:
        ...
@typing.final
class Reply:
    """
    One complete SMTP reply: immutable, hashable, owns a copy of its bytes. Made by smtpreply.parse(), parse_all() and ReplyParser.feed(). Equal when their bytes and everything parsed from them are equal.
    """
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[typing.Any, ...]: ...
    def to_dict(self) -> dict[str, typing.Any]:
        """
        The --json form: {'offset', 'length', 'code', 'lines' (str, invalid UTF-8 as surrogateescape), 'enhanced' (str or None), 'flags' (ids)}.
        """
    @property
    def code(self) -> smtpreply._code.ReplyCode:
        """
        The reply code, an int (with mixed codes allowed: the last line's).
        """
    @property
    def line_count(self) -> int:
        """
        Lines with a code (empty lines a lenient parse skipped do not count).
        """
    @property
    def raw(self) -> bytes:
        """
        Every byte of the reply: codes, separators and line ends.
        """
    @property
    def enhanced(self) -> EnhancedCode | None:
        """
        The first line's RFC 3463 enhanced status code when well-formed and of the code's class; None otherwise (the flags say why).
        """
    @property
    def lines(self) -> tuple[str, ...]:
        """
        Each line's text after the code and separator, without CR/LF, decoded as UTF-8 with 'surrogateescape' (lossless: .encode('utf-8', 'surrogateescape') gives the bytes back).
        """
    @property
    def line_bytes(self) -> tuple[bytes, ...]:
        """
        Each line's text as bytes, exactly as received.
        """
    @property
    def text(self) -> str:
        """
        The lines joined with '\n' (as smtplib joins them).
        """
    @property
    def is_multiline(self) -> bool:
        """
        More than one line.
        """
    @property
    def flags(self) -> Flag:
        """
        What the parse noticed or tolerated (possibly empty).
        """
    @property
    def encoding(self) -> TextEncoding:
        """
        ASCII, UTF8 or OTHER_8BIT (the last only from a lenient parse).
        """
    @property
    def offset(self) -> int:
        """
        Where the reply starts in the input or stream. Not part of the value: equal replies may have different offsets.
        """
    @property
    def reply_class(self) -> ReplyClass:
        """
        What the code's first digit says.
        """
    @property
    def category(self) -> ReplyCategory:
        """
        What the code's second digit says.
        """
    @property
    def is_positive(self) -> bool:
        """
        2yz or 3yz.
        """
    @property
    def is_positive_completion(self) -> bool:
        """
        2yz: the action was completed.
        """
    @property
    def is_positive_intermediate(self) -> bool:
        """
        3yz: send more (DATA, AUTH).
        """
    @property
    def is_negative(self) -> bool:
        """
        4yz or 5yz.
        """
    @property
    def is_transient(self) -> bool:
        """
        4yz: the same request may succeed later.
        """
    @property
    def is_permanent(self) -> bool:
        """
        5yz: do not repeat the same request unchanged.
        """
    @property
    def message(self) -> str:
        """
        The human text: every line's text joined with one space, the enhanced code stated once (dropped from the lines that repeat it).
        """
class ReplyParser:
    """
    A streaming parser for one connection: feed() it bytes as they arrive and get every complete reply; a partial reply is kept for the next feed(). Errors are sticky: after a ParseError every call raises it again until reset(). Not for concurrent use from several threads without a lock of your own.
    """
    def __init__(self, *, options: smtpreply._options.Options | None = None, lenient: bool | Leniency = False) -> None:
        ...
    def __repr__(self) -> str:
        ...
    def feed(self, data: bytes | bytearray | memoryview) -> list[Reply]:
        """
        Appends bytes and returns the replies they complete, in order (often none, several when pipelined). Raises ParseError (with .replies: those completed before the error in this call).
        """
    def finish(self) -> None:
        """
        Call at end of input: raises ParseError('incomplete') when it stopped inside a reply; otherwise the parser starts over for a new stream.
        """
    def reset(self) -> None:
        """
        Forgets buffered bytes and any error; options are kept.
        """
    @property
    def buffered(self) -> int:
        """
        Bytes of an unfinished reply held so far.
        """
    @property
    def failed(self) -> bool:
        """
        True after a ParseError, until reset().
        """
    @property
    def options(self) -> smtpreply._options.Options:
        ...
    @property
    def position(self) -> int:
        """
        Stream offset of the first byte not yet part of a returned reply.
        """
class Action(enum.IntEnum):
    """
    What a client should do next about a reply (stable numbers).
    """
    DONE = 0
    CONTINUE_REQUEST = 1
    RETRY_LATER = 2
    RETRY_OTHER_HOST = 3
    RECONNECT = 4
    FIX_REQUEST = 5
    AUTHENTICATE = 6
    START_TLS = 7
    GIVE_UP = 8
class Command(enum.IntEnum):
    """
    The SMTP command a reply answers (GREETING: the connection opening; END_OF_DATA: the final '.' after DATA).
    """
    NONE = 0
    GREETING = 1
    EHLO = 2
    HELO = 3
    MAIL = 4
    RCPT = 5
    DATA = 6
    END_OF_DATA = 7
    BDAT = 8
    RSET = 9
    VRFY = 10
    EXPN = 11
    HELP = 12
    NOOP = 13
    QUIT = 14
    AUTH = 15
    STARTTLS = 16
    ETRN = 17
class Difference(enum.IntFlag):
    """
    How two codes differ.
    """
    REPLY_CLASS = 1
    TRANSIENT_VS_PERMANENT = 2
    CLOSES_CONNECTION = 4
    RETRY = 8
    CATEGORY = 16
    ADVICE = 32
class Reason(enum.IntEnum):
    """
    Why a reply failed: one stable id per cause (str() and name.lower() give the id, e.g. 'mailbox_full'). Built from the C++ reason_table.
    """
    DELIVERED = 0
    USER_UNKNOWN = 1
    MAILBOX_FULL = 2
    MAILBOX_DISABLED = 3
    HAS_MOVED = 4
    HOST_UNKNOWN = 5
    RELAY_DENIED = 6
    SENDER_REJECTED = 7
    BLOCKED = 8
    NO_PTR = 9
    BAD_REPUTATION = 10
    DMARC_FAILURE = 11
    SECURITY_ERROR = 12
    STARTTLS_FAILED = 13
    POLICY_VIOLATION = 14
    SPAM = 15
    VIRUS = 16
    CONTENT_ERROR = 17
    NOT_RFC_COMPLIANT = 18
    MESSAGE_TOO_BIG = 19
    EXCEEDS_LIMIT = 20
    RATE_LIMITED = 21
    TOO_MANY_CONNECTIONS = 22
    GREYLISTED = 23
    FILTERED = 24
    SYNTAX_ERROR = 25
    SYSTEM_ERROR = 26
    SYSTEM_FULL = 27
    NOT_ACCEPTING = 28
    NETWORK_ERROR = 29
    EXPIRED = 30
    MAILER_ERROR = 31
    UNKNOWN = 32
class EhloKeyword(enum.IntEnum):
    """
    The EHLO keywords smtpreply types (UNKNOWN: any other keyword, kept as sent).
    """
    UNKNOWN = 0
    SIZE = 1
    AUTH = 2
    PIPELINING = 3
    STARTTLS = 4
    EIGHTBITMIME = 5
    BINARYMIME = 6
    CHUNKING = 7
    SMTPUTF8 = 8
    ENHANCEDSTATUSCODES = 9
    DSN = 10
    REQUIRETLS = 11
    DELIVERBY = 12
    MT_PRIORITY = 13
    FUTURERELEASE = 14
    LIMITS = 15
class AuthMechanism(enum.IntEnum):
    """
    SASL mechanisms known by name (NONE: any other name).
    """
    NONE = 0
    PLAIN = 1
    LOGIN = 2
    CRAM_MD5 = 3
    DIGEST_MD5 = 4
    SCRAM_SHA_1 = 5
    SCRAM_SHA_1_PLUS = 6
    SCRAM_SHA_256 = 7
    SCRAM_SHA_256_PLUS = 8
    XOAUTH2 = 9
    OAUTHBEARER = 10
    GSSAPI = 11
    GS2_KRB5 = 12
    NTLM = 13
    EXTERNAL = 14
    ANONYMOUS = 15
class ParamState(enum.Enum):
    """
    What a typed EHLO parameter looked like.
    """
    ABSENT = 0
    NO_VALUE = 1
    VALUE = 2
    MALFORMED = 3
class MtPriorityPolicy(enum.Enum):
    """
    RFC 6710 priority assignment policies.
    """
    NONE = 0
    MIXER = 1
    STANAG4406 = 2
    NSEP = 3
    OTHER = 4
class EhloFlag(enum.IntFlag):
    """
    What reading an EHLO reply noticed. None makes it fail.
    """
    MISSING_DOMAIN = 1
    INVALID_KEYWORD = 2
    DUPLICATE_KEYWORD = 4
    LEGACY_AUTH = 8
    INVALID_PARAM = 16
    UNEXPECTED_PARAM = 32
    CONFLICTING_PARAMS = 64
    SIZE_MALFORMED = 128
    AUTH_MALFORMED = 256
    AUTH_TRUNCATED = 512
    DELIVERBY_MALFORMED = 1024
    MT_PRIORITY_MALFORMED = 2048
    FUTURERELEASE_MALFORMED = 4096
    LIMITS_MALFORMED = 8192
    TOO_MANY_CAPABILITIES = 16384
class StarttlsFlag(enum.IntFlag):
    """
    What changed between the EHLO replies before and after STARTTLS.
    """
    CAPABILITY_VANISHED = 1
    CAPABILITY_APPEARED = 2
    AUTH_ONLY_BEFORE_TLS = 4
    PARAMS_CHANGED = 8
    STARTTLS_AFTER_TLS = 16
    NO_STARTTLS_BEFORE = 32
class ReplyRole(enum.Enum):
    """
    The column of RFC 5321 section 4.3.2 a code sits in.
    """
    SUCCESS = 0
    INTERMEDIATE = 1
    ERROR = 2
class CodeCheck(enum.Enum):
    """
    How a code fits the command it answers.
    """
    LISTED = 0
    ANY_COMMAND = 1
    NOT_LISTED = 2
    UNKNOWN_COMMAND = 3
class TrackFlag(enum.IntFlag):
    """
    What the pipeline tracker noticed about one reply.
    """
    UNSOLICITED_421 = 1
    NO_PENDING_COMMAND = 2
    EHLO_NOT_250 = 4
    CODE_NOT_LISTED = 8
    UNTRACKED_COMMAND = 16
    CLOSING = 32
class _PipelineTracker:
    def __init__(self) -> None:
        ...
    def on_reply(self, code: typing.SupportsInt | typing.SupportsIndex) -> typing.Any:
        ...
    def push(self, command: Command) -> bool:
        ...
    def reset(self) -> None:
        ...
    @property
    def capacity(self) -> int:
        ...
    @property
    def front(self) -> Command:
        ...
    @property
    def matched(self) -> int:
        ...
    @property
    def overflowed(self) -> int:
        ...
    @property
    def pending(self) -> int:
        ...
    @property
    def pushed(self) -> int:
        ...
    @property
    def replies(self) -> int:
        ...
    @property
    def unmatched(self) -> int:
        ...
def _advise(code: typing.SupportsInt | typing.SupportsIndex, enhanced: typing.Any, command: Command, treat_552_to_rcpt_as_452: bool, tls: typing.SupportsInt | typing.SupportsIndex) -> Action:
    ...
def _advise_enhanced(code: EnhancedCode) -> Action:
    ...
def _ascii_upper(text: str) -> str:
    ...
def _check_options(lenient: typing.Any, max_line_octets: typing.Any, max_auth_line_octets: typing.Any, max_reply_octets: typing.Any, max_reply_lines: typing.Any) -> Leniency:
    ...
def _check_reply(command: Command, code: typing.SupportsInt | typing.SupportsIndex) -> CodeCheck:
    ...
def _classify_reply(reply: typing.Any, command: Command) -> dict[str, typing.Any]:
    ...
def _classify_text(text: typing.Any, command: Command) -> dict[str, typing.Any]:
    ...
def _code_facts(value: typing.SupportsInt | typing.SupportsIndex) -> tuple[ReplyClass, ReplyCategory, bool, bool, bool, bool, bool, bool, bool, int, int, int]:
    ...
def _column_dictionaries() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """
    The categories of the error, reason and action columns (index: the value in the column).
    """
def _command_from_line(line: bytes) -> Command:
    ...
def _compare_codes(a: typing.SupportsInt | typing.SupportsIndex, b: typing.SupportsInt | typing.SupportsIndex) -> int:
    ...
def _compare_enhanced(a: EnhancedCode, b: EnhancedCode) -> int:
    ...
def _diagnostic_code(field: typing.Any) -> dict[str, typing.Any]:
    ...
def _diff_starttls(before: Reply, after: Reply) -> typing.Any:
    ...
def _ehlo(reply: Reply) -> typing.Any:
    ...
def _expected_replies() -> typing.Any:
    ...
def _explain_code(code: typing.SupportsInt | typing.SupportsIndex) -> typing.Any:
    ...
def _explain_enhanced(code: EnhancedCode) -> typing.Any:
    ...
def _find_enhanced(text: typing.Any) -> typing.Any:
    ...
def _is_retry(action: Action) -> bool:
    ...
def _keyword_source(keyword: EhloKeyword) -> str:
    ...
def _message(raw: bytes) -> str:
    ...
def _parse_code(text: str, allow_out_of_range: bool) -> int:
    ...
def _reply_from_state(arg0: bytes, arg1: typing.SupportsInt | typing.SupportsIndex, arg2: typing.SupportsInt | typing.SupportsIndex, arg3: typing.SupportsInt | typing.SupportsIndex, arg4: typing.SupportsInt | typing.SupportsIndex, arg5: typing.SupportsInt | typing.SupportsIndex, arg6: typing.SupportsInt | typing.SupportsIndex, arg7: typing.SupportsInt | typing.SupportsIndex, arg8: typing.SupportsInt | typing.SupportsIndex) -> Reply:
    ...
def _responsibility_transferred(code: typing.SupportsInt | typing.SupportsIndex, command: Command) -> bool:
    ...
def _scan(data: bytes | bytearray | memoryview | str, options: smtpreply._options.Options | None, lenient: bool | Leniency, with_classes: bool, command: Command, nogil_bytes: typing.SupportsInt | typing.SupportsIndex) -> tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes, str | None, int, int]:
    """
    The columns of smtpreply.scan() as bytes (use smtpreply.scan()).
    """
def _scan_column(data: typing.Any, offsets: typing.Any, validity: typing.Any, offset: typing.SupportsInt | typing.SupportsIndex, length: typing.SupportsInt | typing.SupportsIndex, wide: bool, lenient: typing.SupportsInt | typing.SupportsIndex, max_line_octets: typing.SupportsInt | typing.SupportsIndex, max_auth_line_octets: typing.SupportsInt | typing.SupportsIndex, max_reply_octets: typing.SupportsInt | typing.SupportsIndex, max_reply_lines: typing.SupportsInt | typing.SupportsIndex, command: typing.SupportsInt | typing.SupportsIndex, commands: typing.Any, with_classes: bool, unflatten: bool, nogil_bytes: typing.SupportsInt | typing.SupportsIndex) -> dict[str, typing.Any]:
    """
    One reply per row of an Arrow string column, as Arrow buffers (use smtpreply.scan_column()).
    """
def _unflatten(text: bytes) -> bytes:
    """
    A reply's wire lines (CRLF after each) from the one line a log gives it.
    """
def parse(data: bytes | bytearray | memoryview | str, *, options: smtpreply._options.Options | None = None, lenient: bool | Leniency = False) -> Reply:
    """
    Parses exactly one complete reply. Raises ParseError for malformed, incomplete or extra input (reason 'trailing_data'; use parse_all() for several replies).
    """
def parse_all(data: bytes | bytearray | memoryview | str, *, options: smtpreply._options.Options | None = None, lenient: bool | Leniency = False) -> list[Reply]:
    """
    Parses every reply in data, which must end between replies. Raises ParseError (with .replies: those before the error).
    """
DEFAULT_LIMITS: dict[str, int]
ERROR_MESSAGES: dict[str, str]
_SCAN_NOGIL_BYTES: int = 16384
__version__: str
_reason_table: tuple[tuple[int, str, str, str], ...]
