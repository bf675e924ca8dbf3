"""One-shot parsing, the value types, enums, options and errors."""

from __future__ import annotations

import copy
import pickle

import pytest
import smtpreply
from smtpreply import (
    EnhancedClass,
    EnhancedCode,
    EnhancedSubject,
    Flag,
    Leniency,
    Options,
    ParseError,
    ReplyCategory,
    ReplyClass,
    ReplyCode,
    TextEncoding,
)


def test_reference_example() -> None:
    r = smtpreply.parse(b"421 4.3.2 Service shutting down\r\n")
    assert r.code == 421 and isinstance(r.code, ReplyCode)
    assert r.reply_class is ReplyClass.TRANSIENT_NEGATIVE
    assert r.category is ReplyCategory.CONNECTIONS
    assert r.is_transient and r.is_negative and not r.is_permanent and not r.is_positive
    assert r.enhanced == EnhancedCode(4, 3, 2) == "4.3.2"
    assert r.enhanced is not None and r.enhanced.subject_kind is EnhancedSubject.MAIL_SYSTEM
    assert r.lines == ("4.3.2 Service shutting down",)
    assert r.text == "4.3.2 Service shutting down"
    assert r.raw == b"421 4.3.2 Service shutting down\r\n"
    assert r.flags == Flag(0) and not r.flags
    assert r.encoding is TextEncoding.ASCII
    assert r.line_count == 1 and not r.is_multiline and r.offset == 0


def test_multiline_reply() -> None:
    raw = b"250-mx.example.org Hello\r\n250-SIZE 35882577\r\n250-8BITMIME\r\n250 2.0.0 OK\r\n"
    r = smtpreply.parse(raw)
    assert r.code == 250 and r.is_positive_completion and r.is_positive
    assert r.lines == ("mx.example.org Hello", "SIZE 35882577", "8BITMIME", "2.0.0 OK")
    assert r.line_bytes == (b"mx.example.org Hello", b"SIZE 35882577", b"8BITMIME", b"2.0.0 OK")
    assert r.text == "mx.example.org Hello\nSIZE 35882577\n8BITMIME\n2.0.0 OK"
    assert r.line_count == 4 and r.is_multiline
    assert r.enhanced is None  # only the first line's counts
    assert str(r) == "250-mx.example.org Hello\n250-SIZE 35882577\n250-8BITMIME\n250 2.0.0 OK"
    assert repr(r) == "<Reply 250 'mx.example.org Hello' +3 lines>"


@pytest.mark.parametrize(
    ("raw", "code", "klass", "category"),
    [
        (b"220 ready\r\n", 220, ReplyClass.POSITIVE_COMPLETION, ReplyCategory.CONNECTIONS),
        (b"354 go ahead\r\n", 354, ReplyClass.POSITIVE_INTERMEDIATE, ReplyCategory.MAIL_SYSTEM),
        (b"500 what\r\n", 500, ReplyClass.PERMANENT_NEGATIVE, ReplyCategory.SYNTAX),
        (b"214 help\r\n", 214, ReplyClass.POSITIVE_COMPLETION, ReplyCategory.INFORMATION),
        (b"334\r\n", 334, ReplyClass.POSITIVE_INTERMEDIATE, ReplyCategory.UNSPECIFIED_3),
    ],
)
def test_classes_and_categories(raw: bytes, code: int, klass: ReplyClass, category: ReplyCategory) -> None:
    r = smtpreply.parse(raw)
    assert (r.code, r.reply_class, r.category) == (code, klass, category)
    assert r.code.reply_class is klass and r.code.category is category


def test_accepts_bytes_like_and_str() -> None:
    raw = b"250 2.1.0 Ok\r\n"
    expected = smtpreply.parse(raw)
    for data in (bytearray(raw), memoryview(raw), memoryview(b"xx" + raw)[2:], raw.decode()):
        assert smtpreply.parse(data) == expected
    # str round-trips through surrogateescape, so decoded bytes parse back exactly.
    latin = b"550 caf\xe9\r\n"
    r = smtpreply.parse(latin.decode("utf-8", "surrogateescape"), lenient=Leniency.INVALID_UTF8)
    assert r.raw == latin and r.line_bytes == (b"caf\xe9",)


@pytest.mark.parametrize("bad", [None, 250, 2.5, ["250 ok\r\n"], object()])
def test_wrong_types_raise_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        smtpreply.parse(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        smtpreply.ReplyParser().feed(bad)  # type: ignore[arg-type]


def test_feed_refuses_str_with_a_clear_message() -> None:
    with pytest.raises(TypeError, match="not str"):
        smtpreply.ReplyParser().feed("250 ok\r\n")  # type: ignore[arg-type]


def test_non_contiguous_buffer_is_a_type_error() -> None:
    view = memoryview(b"250 ok\r\n250 ok\r\n")[::2]
    with pytest.raises(TypeError, match="contiguous"):
        smtpreply.parse(view)


@pytest.mark.parametrize(
    ("raw", "reason", "offset"),
    [
        (b"250-first\n250 second\r\n", "bare_lf", 9),
        (b"25O ok\r\n", "invalid_code", 2),
        (b"650 ok\r\n", "code_out_of_range", 0),
        (b"250-a\r\n251 b\r\n", "mixed_codes", 7),
        (b"250 a\x00b\r\n", "control_character", 5),
        (b"550 caf\xe9\r\n", "invalid_utf8", 7),
        (b"\r\n250 ok\r\n", "empty_line", 0),
        (b"250\tok\r\n", "invalid_separator", 3),
        (b"250-a\r\n", "incomplete", 0),
        (b"", "incomplete", 0),
        (b"250 ok\r\n250 again\r\n", "trailing_data", 8),
    ],
)
def test_parse_errors_have_reason_and_offset(raw: bytes, reason: str, offset: int) -> None:
    with pytest.raises(ParseError) as info:
        smtpreply.parse(raw)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.reason, e.offset) == (reason, offset)
    assert reason in str(e) and str(offset) in str(e)
    assert e.replies == ()


def test_error_messages_cover_every_reason() -> None:
    assert "bare_lf" in smtpreply.ERROR_MESSAGES
    with pytest.raises(ParseError) as info:
        smtpreply.parse(b"250 x\n")
    assert info.value.message == smtpreply.ERROR_MESSAGES["bare_lf"]


def test_parse_error_pickles() -> None:
    with pytest.raises(ParseError) as info:
        smtpreply.parse_all(b"250 ok\r\n251 x\n")
    e = pickle.loads(pickle.dumps(info.value))
    assert (e.reason, e.offset, e.message) == ("bare_lf", 13, info.value.message)
    assert e.replies == info.value.replies and len(e.replies) == 1


def test_parse_all_and_offsets() -> None:
    raw = b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"
    replies = smtpreply.parse_all(raw)
    assert [int(r.code) for r in replies] == [250, 250, 354]
    assert [r.offset for r in replies] == [0, 14, 28]
    assert b"".join(r.raw for r in replies) == raw
    assert smtpreply.parse_all(b"") == []


def test_parse_all_error_keeps_earlier_replies() -> None:
    with pytest.raises(ParseError) as info:
        smtpreply.parse_all(b"250 ok\r\n220 x\r\n25")
    assert info.value.reason == "incomplete" and info.value.offset == 15
    assert [int(r.code) for r in info.value.replies] == [250, 220]


# ---- leniencies and flags ----------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "leniency", "flag"),
    [
        (b"250-first\n250 second\r\n", Leniency.BARE_LF, Flag.BARE_LF),
        (b"250\tok\r\n", Leniency.INVALID_SEPARATOR, Flag.INVALID_SEPARATOR),
        (b"650 ok\r\n", Leniency.CODE_OUT_OF_RANGE, Flag.CODE_OUT_OF_RANGE),
        (b"220-banner\r\n521 5.7.1 go away\r\n", Leniency.MIXED_CODES, Flag.MIXED_CODES),
        (b"250-a\r\n\r\n250 b\r\n", Leniency.EMPTY_LINE, Flag.EMPTY_LINE),
        (b"535 \xc8\xcf\xd6\xa4\xca\xa7\xb0\xdc\r\n", Leniency.INVALID_UTF8, Flag.INVALID_UTF8),
        (b"221 \x00\x00\x00\r\n", Leniency.CONTROL_CHARACTER, Flag.CONTROL_CHARACTER),
    ],
)
def test_each_leniency_accepts_its_deviation_and_reports_it(raw: bytes, leniency: Leniency, flag: Flag) -> None:
    with pytest.raises(ParseError):
        smtpreply.parse(raw)
    r = smtpreply.parse(raw, lenient=leniency)
    assert r.flags == flag and int(flag) == int(leniency)
    assert smtpreply.parse(raw, options=Options(lenient=leniency)) == r
    assert smtpreply.parse(raw, lenient=True).flags == flag
    # Every other leniency on is not enough.
    with pytest.raises(ParseError):
        smtpreply.parse(raw, lenient=Leniency.ALL & ~leniency)


def test_mixed_codes_take_the_last_code() -> None:
    r = smtpreply.parse(b"220-mx ESMTP\r\n521 5.7.1 blocked\r\n", lenient=True)
    assert r.code == 521 and r.is_permanent


def test_encoding_facts() -> None:
    assert smtpreply.parse("250 café\r\n").encoding is TextEncoding.UTF8
    assert smtpreply.parse("250 café\r\n").lines == ("café",)
    r = smtpreply.parse(b"550 \xd3\xc3\xbb\xa7\r\n", lenient=True)
    assert r.encoding is TextEncoding.OTHER_8BIT
    assert r.line_bytes[0].decode("gbk") == "用户"
    assert r.lines[0].encode("utf-8", "surrogateescape") == r.line_bytes[0]


@pytest.mark.parametrize(
    ("raw", "flag", "enhanced"),
    [
        (b"550 #5.1.0 Address rejected\r\n", Flag.ESC_HASH_PREFIX, None),
        (b"550 5.1.01 bad\r\n", Flag.ESC_MALFORMED, None),
        (b"550 4.7.1 odd\r\n", Flag.ESC_CLASS_MISMATCH, None),
        (b"334 2.0.0 go\r\n", Flag.ESC_ON_3XX, None),
        (b"250-2.1.0 a\r\n250 2.1.5 b\r\n", Flag.ESC_LINES_DISAGREE, "2.1.0"),
        (b"250 " + b"x" * 600 + b"\r\n", Flag.LONG_LINE, None),
    ],
)
def test_fact_flags_never_fail(raw: bytes, flag: Flag, enhanced: str | None) -> None:
    r = smtpreply.parse(raw)
    assert r.flags == flag
    assert (None if r.enhanced is None else str(r.enhanced)) == enhanced


def test_limits() -> None:
    line = b"250 " + b"x" * 20 + b"\r\n"
    with pytest.raises(ParseError) as info:
        smtpreply.parse(line, options=Options(max_line_octets=10))
    assert (info.value.reason, info.value.offset) == ("line_too_long", 10)
    many = b"250-x\r\n" * 5 + b"250 x\r\n"
    with pytest.raises(ParseError, match="too_many_lines"):
        smtpreply.parse(many, options=Options(max_reply_lines=5))
    assert smtpreply.parse(many, options=Options(max_reply_lines=6)).line_count == 6
    with pytest.raises(ParseError, match="reply_too_long"):
        smtpreply.parse(many, options=Options(max_reply_octets=20))
    challenge = b"334 " + b"A" * 4000 + b"\r\n"
    assert smtpreply.parse(challenge).code == 334  # the 334 line limit is larger
    with pytest.raises(ParseError, match="line_too_long"):
        smtpreply.parse(challenge, options=Options(max_auth_line_octets=100))
    with pytest.raises(ParseError, match="line_too_long"):
        smtpreply.parse(b"250 " + b"x" * 600 + b"\r\n", options=Options.rfc())


# ---- Options -----------------------------------------------------------------------
def test_options_value_type() -> None:
    o = Options()
    assert o == Options.strict() and o.lenient is Leniency.NONE
    limits = (o.max_line_octets, o.max_auth_line_octets, o.max_reply_octets, o.max_reply_lines)
    assert limits == (2048, 12288, 65536, 1024)
    assert Options.rfc().max_line_octets == 512
    assert Options.lenient_all().lenient is Leniency.ALL
    assert Options(lenient=True).lenient is Leniency.ALL  # type: ignore[arg-type]
    assert o.replace(max_reply_lines=3) == Options(max_reply_lines=3)
    assert hash(Options(max_reply_lines=3)) == hash(Options(max_reply_lines=3))
    assert pickle.loads(pickle.dumps(Options.lenient_all())) == Options.lenient_all()
    with pytest.raises(AttributeError):
        o.max_line_octets = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"max_line_octets": 0}, ValueError),
        ({"max_reply_octets": 2**32}, ValueError),
        ({"max_reply_lines": "10"}, TypeError),
        ({"max_reply_lines": True}, TypeError),
        ({"lenient": "all"}, TypeError),
        ({"lenient": 1 << 10}, ValueError),
    ],
)
def test_options_validation(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        Options(**kwargs)  # type: ignore[arg-type]


def test_options_and_lenient_together_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="either"):
        smtpreply.parse(b"250 ok\r\n", options=Options(), lenient=True)
    with pytest.raises(TypeError):
        smtpreply.parse(b"250 ok\r\n", lenient="yes")  # type: ignore[arg-type]


# ---- ReplyCode and EnhancedCode ------------------------------------------------------
def test_reply_code_value_type() -> None:
    c = ReplyCode(421)
    assert c == 421 and c == 421 and c != 420 and c == ReplyCode(421)
    assert hash(c) == hash(421) and {421: "x"}[c] == "x"
    assert int(c) == 421 and [10, 20][ReplyCode(1)] == 20  # __index__
    assert c < 500 and c > 400 and c <= 421 and c >= 421 and ReplyCode(250) < c
    assert sorted([ReplyCode(550), ReplyCode(250)]) == [250, 550]
    assert repr(c) == "ReplyCode(421)" and str(c) == "421" and str(ReplyCode(5)) == "005"
    assert (c.first_digit, c.second_digit, c.third_digit) == (4, 2, 1)
    assert c.is_valid and not ReplyCode(650).is_valid and not ReplyCode(260).is_valid
    assert ReplyCode(650).reply_class is ReplyClass.UNKNOWN
    assert ReplyCode(260).category is ReplyCategory.UNKNOWN
    assert c != "421" and isinstance(c, int) and c == 421.0  # an int, with int's semantics
    import json

    assert json.dumps({"code": c}) == '{"code": 421}' and f"{ReplyCode(5)}" == "005" and f"{c:>5}" == "  421"
    assert ReplyCode(c) == c and ReplyCode.parse("421") is not c
    assert pickle.loads(pickle.dumps(c)) == c and copy.copy(c) == c
    for bad in (-1, 1000, True):
        with pytest.raises(ValueError):
            ReplyCode(bad)
    with pytest.raises(TypeError):
        ReplyCode("421")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ReplyCode.parse(421)  # type: ignore[arg-type]


def test_reply_code_parse() -> None:
    assert ReplyCode.parse("354") == 354
    assert ReplyCode.parse("660", allow_out_of_range=True) == 660
    for text, reason, offset in [("660", "code_out_of_range", 0), ("2_5", "invalid_code", 1),
                                 ("2500", "invalid_code", 3), (" 25", "invalid_code", 0)]:
        with pytest.raises(ParseError) as info:
            ReplyCode.parse(text)
        assert (info.value.reason, info.value.offset) == (reason, offset)


def test_enhanced_code_value_type() -> None:
    e = EnhancedCode.parse("5.7.606")
    assert (e.status_class, e.subject, e.detail) == (EnhancedClass.PERMANENT_FAILURE, 7, 606)
    assert e.subject_kind is EnhancedSubject.SECURITY_POLICY and e.is_permanent
    assert not e.is_transient and not e.is_success
    assert e == "5.7.606" and e == EnhancedCode(5, 7, 606) and e != "5.7.6"
    assert hash(e) == hash("5.7.606") and str(e) == "5.7.606" and repr(e) == "EnhancedCode(5, 7, 606)"
    assert EnhancedCode(2, 0, 0) < EnhancedCode(4, 0, 0) < EnhancedCode(4, 1, 0)
    assert EnhancedCode(4, 9, 1).subject_kind is EnhancedSubject.UNKNOWN
    assert pickle.loads(pickle.dumps(e)) == e
    for text in ("5.07.1", "3.1.1", "5.1", "5.1.1 ", "5.1.1000", ""):
        with pytest.raises(ParseError) as info:
            EnhancedCode.parse(text)
        assert info.value.reason == "invalid_enhanced_code"
    for parts in ((3, 1, 1), (5, 1000, 1), (5, 1, -1)):
        with pytest.raises(ValueError):
            EnhancedCode(*parts)


# ---- Reply as a value ---------------------------------------------------------------
def test_reply_is_a_frozen_hashable_value() -> None:
    a = smtpreply.parse(b"250 ok\r\n")
    b = smtpreply.parse_all(b"220 hi\r\n250 ok\r\n")[1]
    assert a == b and hash(a) == hash(b) and a.offset != b.offset  # offset is not part of the value
    assert a != smtpreply.parse(b"250 OK\r\n") and a != "250 ok"
    lenient = smtpreply.parse(b"250 ok\r\n", lenient=True)
    assert lenient == a  # same bytes, same facts
    assert smtpreply.parse(b"250 ok\n", lenient=True) != smtpreply.parse(b"250 ok\r\n")
    with pytest.raises(AttributeError):
        a.code = ReplyCode(500)  # type: ignore[misc]
    with pytest.raises(TypeError):
        smtpreply.Reply()  # type: ignore[call-arg]
    assert pickle.loads(pickle.dumps(b)) == b and pickle.loads(pickle.dumps(b)).offset == b.offset
    assert len({a, b, lenient}) == 1
    assert a.lines is a.lines  # built once, then cached


def test_reply_code_and_line_count_are_read_only_members() -> None:
    # Stored objects (read without a call); code is one interned ReplyCode per value.
    r = smtpreply.parse_all(b"250-a\r\n250 b\r\n451 later\r\n250 c\r\n")
    assert type(r[0].code) is ReplyCode and r[0].code is r[2].code and r[0].code == 250
    assert (r[0].line_count, r[1].line_count) == (2, 1) and type(r[0].line_count) is int
    assert pickle.loads(pickle.dumps(r[0])).code is r[0].code
    for name, value in (("code", ReplyCode(500)), ("line_count", 3)):
        with pytest.raises(AttributeError):
            setattr(r[0], name, value)
        with pytest.raises(AttributeError):
            delattr(r[0], name)
    assert (smtpreply.Reply.code.__doc__ or "").startswith("code(self) -> ")  # the stub generator reads it
    many = smtpreply.parse(b"".join(b"250-%d\r\n" % i for i in range(300)) + b"250 end\r\n")
    assert many.line_count == 301 and many.line_count == len(many.lines)  # beyond the cached small ints


def test_reply_repr_shows_flags() -> None:
    r = smtpreply.parse(b"250-a\n250 b\n", lenient=True)
    assert repr(r) == "<Reply 250 'a' +1 lines flags=BARE_LF>"


def test_enums_are_python_enums() -> None:
    import enum

    assert issubclass(ReplyClass, enum.IntEnum) and issubclass(Flag, enum.IntFlag)
    assert issubclass(Leniency, enum.IntFlag) and issubclass(TextEncoding, enum.Enum)
    assert ReplyClass(4) is ReplyClass.TRANSIENT_NEGATIVE
    assert sum(int(m) for m in Leniency if m not in (Leniency.NONE, Leniency.ALL)) == Leniency.ALL
    # Each leniency has the bit of the flag that reports it.
    assert int(Leniency.BARE_LF) == int(Flag.BARE_LF) and int(Leniency.INVALID_UTF8) == int(Flag.INVALID_UTF8)


def test_version_matches_the_header() -> None:
    import re

    from conftest import ROOT

    header = (ROOT / "include/smtpreply/version.hpp").read_text()
    m = re.search(r'#define SMTPREPLY_VERSION_STRING "([^"]+)"', header)
    assert m and smtpreply.__version__ == m.group(1)
    from importlib.metadata import version

    assert version("smtpreply") == m.group(1)


def test_format_reply() -> None:
    assert smtpreply.format_reply(250, "mx\nSIZE 1000") == b"250-mx\r\n250 SIZE 1000\r\n"
    assert smtpreply.format_reply(ReplyCode(354)) == b"354\r\n"
    assert smtpreply.format_reply(250, ["a", b"", "c"]) == b"250-a\r\n250-\r\n250 c\r\n"
    assert smtpreply.format_reply(5, "x") == b"005 x\r\n"
    with pytest.raises(ValueError):
        smtpreply.format_reply(250, "a\rb")
    with pytest.raises(ValueError):
        smtpreply.format_reply(1000, "x")
    with pytest.raises(TypeError):
        smtpreply.format_reply(250, [1])  # type: ignore[list-item]


# Issue 11 #10: wrong argument types are TypeError or ValueError naming the argument.
def test_wrong_option_types_name_the_argument() -> None:
    with pytest.raises(TypeError, match=r"options must be a smtpreply\.Options"):
        smtpreply.parse(b"250 ok\r\n", options={})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="max_line_octets must be an int, not float"):
        smtpreply.Options(max_line_octets=512.0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="max_reply_lines must be between 1 and 4294967295"):
        smtpreply.Options(max_reply_lines=2**70)
    with pytest.raises(TypeError, match=r"lenient must be a bool or a smtpreply\.Leniency"):
        smtpreply.Options(lenient="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="detail is out of range"):
        smtpreply.EnhancedCode(2, 0, 2**70)
    with pytest.raises(TypeError, match="subject must be an int, not str"):
        smtpreply.EnhancedCode(2, "0", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="between 0 and 999"):
        smtpreply.ReplyCode(1000)


def test_all_is_the_union_of_the_modules_all() -> None:
    import importlib

    modules = ("_code", "_errors", "_format", "_options", "_smtpreply", "bulk", "capabilities", "catalog", "classify",
               "frames", "interop", "render", "session", "transcripts")
    names = {"__version__", "bounces"}.union(*(importlib.import_module(f"smtpreply.{m}").__all__ for m in modules))
    assert sorted(names) == smtpreply.__all__
    for name in smtpreply.__all__:
        assert getattr(smtpreply, name) is not None
    assert smtpreply.Command.ETRN.name == "ETRN"  # enums come from the C++ tables
