#!/usr/bin/env python3
"""Atheris fuzz target over the public Python API.

    python tests/python/fuzz_smtpreply.py -max_total_time=20

Each input picks options from its first bytes and feeds the rest. Checked
properties (any failure is a crash): only ParseError ever escapes (and
ValueError from explain() for a malformed code);
parse_all() and a chunked ReplyParser agree exactly; replies are in-order
slices of the input; strict replies survive format -> parse; code and
enhanced-code parsers agree with their str() forms. EHLO: every 250 reply
reads into a model (anything else is EhloError) whose typed keywords,
mechanisms and SIZE agree, and which diff_starttls() finds equal to itself.
The pipeline tracker keeps its count invariants, and transcripts raise only
ParseError or TranscriptError.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import smtpreply
    import smtpreply.cli
    from smtpreply import (
        Command,
        EhloError,
        EhloKeyword,
        Leniency,
        Options,
        ParamState,
        ParseError,
        PipelineTracker,
        ReplyParser,
        TrackFlag,
        TranscriptError,
    )


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

    for reply, _ in whole[0][:4]:
        check_ehlo(reply)
    check_tracker(data)
    try:
        smtpreply.check_transcript(data, options=options)
    except (ParseError, TranscriptError):
        pass


@atheris.instrument_func
def check_ehlo(reply: smtpreply.Reply) -> None:
    try:
        e = smtpreply.ehlo(reply)
    except EhloError as err:
        assert reply.code != 250 and err.reply is reply
        return
    assert reply.code == 250
    kinds = {c.kind for c in e.capabilities} - {EhloKeyword.UNKNOWN}
    assert kinds == e.keywords, (reply, kinds, e.keywords)
    assert len({c.keyword for c in e.capabilities}) == len(e.capabilities)
    assert len(set(e.auth_mechanisms)) == len(e.auth_mechanisms)
    assert set(e.unknown_auth_mechanisms) <= set(e.auth_mechanisms)
    assert bool(e.auth_mechanisms) <= (EhloKeyword.AUTH in e.keywords)
    for number in (e.size, e.deliverby, e.limits.rcptmax, e.limits.mailmax, e.limits.rcptdomainmax):
        assert (number.value is not None) == (number.state is ParamState.VALUE)
    d = smtpreply.diff_starttls(e, e)
    assert d.vanished == d.appeared == d.changed == d.auth_vanished == d.auth_appeared == ()
    assert not d.suspicious or e.starttls
    smtpreply.cli.ehlo_json(e.to_dict())


@atheris.instrument_func
def check_tracker(data: bytes) -> None:
    t = PipelineTracker()
    pending = 0
    for i, b in enumerate(data[:300]):
        if b & 1:
            t.push(Command(b % 17))
            pending += 1
        else:
            r = t.on_reply((b << 2 | i) % 1000)
            assert r.unmatched == (pending == 0)
            assert r.unmatched == bool(r.flags & (TrackFlag.NO_PENDING_COMMAND | TrackFlag.UNSOLICITED_421))
            pending = max(pending - 1, 0)
        assert t.pending == pending
        assert t.pushed == t.matched + t.pending and t.replies == t.matched + t.unmatched


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
