"""Hypothesis properties: chunking invariance, an independent oracle for
well-formed replies, the format round trip, and no crash on any input."""

from __future__ import annotations

import re

import smtpreply
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from smtpreply import Leniency, Options, ParseError, ReplyParser

settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

# Text of a line: printable ASCII, some UTF-8, no CR/LF/controls.
line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\r\n\x7f"), max_size=40
)
valid_code = st.integers(200, 599).filter(lambda c: c % 100 // 10 <= 5)
enhanced_prefix = st.builds(
    lambda k, s, d: f"{k}.{s}.{d} ", st.sampled_from([2, 4, 5]), st.integers(0, 999), st.integers(0, 999)
)
options = st.builds(
    Options,
    lenient=st.integers(0, int(Leniency.ALL)).map(Leniency),
    max_line_octets=st.integers(1, 3000),
    max_auth_line_octets=st.integers(1, 3000),
    max_reply_octets=st.integers(1, 5000),
    max_reply_lines=st.integers(1, 50),
)
# Bytes that look like SMTP often enough to reach deep states.
smtp_noise = st.lists(
    st.one_of(
        st.sampled_from([b"250", b"421", b"5", b"-", b" ", b"\r\n", b"\n", b"\r", b"\t", b"2.1.0", b"#5.", b"\x00",
                         b"\xc3\xa9", b"\xff", b"334 ", b"OK", b"\r\n\r\n"]),
        st.binary(max_size=8),
    ),
    max_size=40,
).map(b"".join)


def outcome(run: object) -> tuple[list[tuple[object, ...]], tuple[str, int] | None]:
    """(replies with their offsets, final error) of a callable run."""
    replies: list[tuple[object, ...]] = []
    try:
        for r in run():  # type: ignore[operator]
            replies.append((r, r.offset))
        return replies, None
    except ParseError as e:
        replies += [(r, r.offset) for r in e.replies]
        return replies, (e.reason, e.offset)


def streamed(data: bytes, opts: Options, cuts: list[int]) -> list[smtpreply.Reply]:
    p = ReplyParser(options=opts)
    out: list[smtpreply.Reply] = []
    start = 0
    for cut in sorted(set(cuts)) + [len(data)]:
        try:
            out += p.feed(data[start:cut])
        except ParseError as e:
            raise ParseError(e.reason, e.offset, e.message, out + list(e.replies)) from None
        start = cut
    p.finish()
    return out


@given(data=smtp_noise, opts=options, cuts=st.lists(st.integers(0, 400), max_size=10))
def test_chunking_never_changes_the_outcome(data: bytes, opts: Options, cuts: list[int]) -> None:
    cuts = [c for c in cuts if c <= len(data)]
    whole = outcome(lambda: smtpreply.parse_all(data, options=opts))
    pieces = outcome(lambda: streamed(data, opts, cuts))
    assert pieces == whole


@given(data=smtp_noise, opts=options)
def test_any_input_either_parses_or_raises_parse_error(data: bytes, opts: Options) -> None:
    try:
        replies = smtpreply.parse_all(data, options=opts)
    except ParseError as e:
        assert 0 <= e.offset <= len(data) and e.reason in smtpreply.ERROR_MESSAGES
        replies = list(e.replies)
    # Replies are disjoint, ordered pieces of the input.
    end = 0
    for r in replies:
        assert r.offset >= end and data[r.offset : r.offset + len(r.raw)] == r.raw
        assert len(r.lines) == r.line_count >= 1 and 0 <= int(r.code) <= 999
        assert r.flags & ~smtpreply.Flag(int(opts.lenient)) & 0x7F == 0  # only allowed deviations
        end = r.offset + len(r.raw)


@given(code=valid_code, lines=st.lists(line_text, min_size=1, max_size=6), esc=st.one_of(st.none(), enhanced_prefix))
def test_well_formed_replies_match_an_independent_oracle(code: int, lines: list[str], esc: str | None) -> None:
    if esc is not None:
        lines[0] = esc + lines[0]
    wire = "".join(f"{code}-{t}\r\n" for t in lines[:-1]) + f"{code} {lines[-1]}\r\n"
    r = smtpreply.parse(wire.encode())
    assert r.code == code and list(r.lines) == lines and r.raw == wire.encode()
    m = re.match(r"([245])\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})(?: |$)", lines[0])
    expect = m and int(m.group(1)) == code // 100 and code // 100 != 3
    assert (r.enhanced is not None) == bool(expect)
    if expect:
        assert m is not None and str(r.enhanced) == ".".join(m.groups())
    assert r.encoding.name == ("ASCII" if wire.isascii() else "UTF8")


@given(data=smtp_noise, opts=options)
def test_parse_format_parse_round_trip(data: bytes, opts: Options) -> None:
    try:
        replies = smtpreply.parse_all(data, options=opts)
    except ParseError as e:
        replies = list(e.replies)
    for r in replies:
        if r.flags & 0x7F:  # a tolerated deviation is not reproduced by format_reply
            continue
        again = smtpreply.parse(smtpreply.format_reply(r.code, r.line_bytes), options=opts)
        assert (again.code, again.lines, again.enhanced) == (r.code, r.lines, r.enhanced)


@given(code=valid_code, text=st.lists(line_text, min_size=1, max_size=5))
@example(code=200, text=["~\xa0\u0800", "00"])  # found by Hypothesis against a core in progress
def test_format_then_parse(code: int, text: list[str]) -> None:
    r = smtpreply.parse(smtpreply.format_reply(code, text))
    assert r.code == code and list(r.lines) == text
