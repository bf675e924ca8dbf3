#!/usr/bin/env python3
"""Atheris fuzz target over the public Python API.

    python tests/python/fuzz_smtpreply.py -max_total_time=20

Each input picks options from its first bytes and feeds the rest. Checked
properties (any failure is a crash): only ParseError ever escapes (and
ValueError from explain() for a malformed code);
parse_all() and a chunked ReplyParser agree exactly; replies are in-order
slices of the input; strict replies survive format -> parse; code and
enhanced-code parsers agree with their str() forms.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import smtpreply
    from smtpreply import Leniency, Options, ParseError, ReplyParser


@atheris.instrument_func
def outcome(data: bytes, options: Options, chunk: int | None) -> tuple[list[tuple[smtpreply.Reply, int]], object]:
    replies: list[smtpreply.Reply] = []
    error: object = None
    try:
        if chunk is None:
            replies = smtpreply.parse_all(data, options=options)
        else:
            p = ReplyParser(options=options)
            for i in range(0, len(data), chunk):
                replies += p.feed(data[i : i + chunk])
            p.finish()
    except ParseError as e:
        replies += e.replies
        error = (e.reason, e.offset)
    return [(r, r.offset) for r in replies], error


@atheris.instrument_func
def test_one_input(buf: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(buf)
    options = Options(
        lenient=Leniency(fdp.ConsumeIntInRange(0, int(Leniency.ALL))),
        max_line_octets=fdp.ConsumeIntInRange(1, 3000),
        max_auth_line_octets=fdp.ConsumeIntInRange(1, 3000),
        max_reply_octets=fdp.ConsumeIntInRange(1, 6000),
        max_reply_lines=fdp.ConsumeIntInRange(1, 64),
    )
    chunk = fdp.ConsumeIntInRange(1, 64)
    data = fdp.ConsumeBytes(fdp.remaining_bytes())

    whole = outcome(data, options, None)
    assert outcome(data, options, chunk) == whole, (data, options, chunk)
    end = 0
    for reply, offset in whole[0]:
        assert offset >= end and data[offset : offset + len(reply.raw)] == reply.raw
        assert len(reply.lines) == reply.line_count
        repr(reply), str(reply), hash(reply), reply.text, reply.line_bytes
        end = offset + len(reply.raw)
        if not reply.flags & 0x7F:
            again = smtpreply.parse(smtpreply.format_reply(reply.code, reply.line_bytes), options=options)
            assert (again.code, again.lines, again.enhanced) == (reply.code, reply.lines, reply.enhanced)

    text = data[:16].decode("latin-1")
    for parse in (smtpreply.ReplyCode.parse, smtpreply.EnhancedCode.parse):
        try:
            value = parse(text)
        except ParseError:
            continue
        assert str(value) == text, (text, value)
    # The catalog: any string is a code to explain or a ValueError, and renders.
    try:
        explained = smtpreply.explain(text)
    except ValueError:
        pass
    else:
        for fmt in ("text", "markdown", "json"):
            assert smtpreply.render(explained, fmt, lang="id" if chunk % 2 else "en")
    try:
        smtpreply.from_code_and_text(int.from_bytes(data[:2] or b"\0", "big") % 1200 - 100, data[2:])
    except ParseError:
        pass


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
