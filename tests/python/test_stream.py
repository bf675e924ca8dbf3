"""The streaming parser: partial replies across feeds, pipelining, errors."""

from __future__ import annotations

import pickle
import threading

import pytest
import smtpreply
from smtpreply import Options, ParseError, ReplyParser

SESSION = (
    b"220 mx.example.org ESMTP\r\n"
    b"250-mx.example.org\r\n250-PIPELINING\r\n250 SIZE 1000\r\n"
    b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n550 5.1.1 No such user\r\n354 Go ahead\r\n"
    b"250 2.0.0 Ok: queued\r\n221 2.0.0 Bye\r\n"
)


def test_partial_replies_are_kept_across_feeds() -> None:
    p = ReplyParser()
    assert p.feed(b"250-mx.exa") == [] and p.buffered == 10
    assert p.feed(b"mple.org\r\n250 SI") == []
    (r,) = p.feed(b"ZE 1000\r\n")
    assert r.lines == ("mx.example.org", "SIZE 1000") and r.offset == 0
    assert p.buffered == 0 and p.position == len(r.raw)
    p.finish()


def test_pipelined_replies_come_out_in_order_none_lost() -> None:
    p = ReplyParser()
    replies = p.feed(SESSION)
    assert [int(r.code) for r in replies] == [220, 250, 250, 250, 550, 354, 250, 221]
    assert b"".join(r.raw for r in replies) == SESSION
    assert [r.offset for r in replies] == [SESSION.index(r.raw) for r in replies]
    p.finish()


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_any_chunking_gives_the_same_replies(size: int) -> None:
    whole = smtpreply.parse_all(SESSION)
    p = ReplyParser()
    got = []
    for i in range(0, len(SESSION), size):
        got += p.feed(SESSION[i : i + size])
    p.finish()
    assert got == whole and [r.offset for r in got] == [r.offset for r in whole]


def test_feed_accepts_bytes_like() -> None:
    p = ReplyParser()
    assert p.feed(bytearray(b"250 a\r\n")) and p.feed(memoryview(b"250 b\r\n"))
    import array

    assert p.feed(array.array("B", b"250 c\r\n"))[0].lines == ("c",)


def test_the_buffer_is_a_copy() -> None:
    data = bytearray(b"250-a\r\n")
    p = ReplyParser()
    assert p.feed(data) == []
    data[:] = b"XXXXXXX"  # the caller may reuse its buffer at once
    (r,) = p.feed(b"250 b\r\n")
    assert r.raw == b"250-a\r\n250 b\r\n"


def test_errors_are_sticky_until_reset() -> None:
    p = ReplyParser()
    with pytest.raises(ParseError) as info:
        p.feed(b"250 ok\r\n220 hi\r\n250-x\n")
    e = info.value
    assert (e.reason, e.offset) == ("bare_lf", 21)
    assert [int(r.code) for r in e.replies] == [250, 220]  # completed before the error, in this call
    assert p.failed
    for again in (lambda: p.feed(b"250 ok\r\n"), p.finish):
        with pytest.raises(ParseError) as info2:
            again()
        assert (info2.value.reason, info2.value.offset) == ("bare_lf", 21)
    p.reset()
    assert not p.failed and p.position == 0 and p.buffered == 0
    assert [r.offset for r in p.feed(b"250 ok\r\n")] == [0]


def test_error_offsets_count_from_the_start_of_the_stream() -> None:
    p = ReplyParser()
    p.feed(b"250 ok\r\n" * 100)
    p.feed(b"250-x\r\n")
    with pytest.raises(ParseError) as info:
        p.feed(b"251 y\r\n")
    assert (info.value.reason, info.value.offset) == ("mixed_codes", 807)


def test_finish_reports_a_cut_reply() -> None:
    p = ReplyParser()
    p.feed(b"250 ok\r\n250-mx\r\n250 SI")
    with pytest.raises(ParseError) as info:
        p.finish()
    assert (info.value.reason, info.value.offset) == ("incomplete", 8)
    assert p.failed
    p.reset()
    p.feed(b"250 ok\r\n")
    p.finish()  # a clean end: the parser starts over
    assert not p.failed and p.position == 0
    assert p.feed(b"220 again\r\n")[0].offset == 0


def test_lenient_trailing_empty_lines_end_cleanly() -> None:
    p = ReplyParser(lenient=True)
    assert len(p.feed(b"250 ok\r\n\r\n\n")) == 1
    p.finish()


def test_options_are_kept_and_reported() -> None:
    opts = Options(max_reply_lines=2)
    p = ReplyParser(options=opts)
    assert p.options is opts
    with pytest.raises(ParseError, match="too_many_lines"):
        p.feed(b"250-a\r\n250-b\r\n250 c\r\n")
    p.reset()
    assert p.options is opts
    with pytest.raises(ParseError, match="too_many_lines"):
        p.feed(b"250-a\r\n250-b\r\n250 c\r\n")
    assert ReplyParser(lenient=True).options == Options.lenient_all()
    assert ReplyParser().options == Options()
    assert "ReplyParser" in repr(p) and "failed" in repr(p)


def test_a_reply_larger_than_the_limit_is_refused_without_buffering_forever() -> None:
    p = ReplyParser(options=Options(max_reply_octets=1000))
    with pytest.raises(ParseError) as info:
        for _ in range(200):
            p.feed(b"250-" + b"x" * 20 + b"\r\n")
    assert info.value.reason == "reply_too_long" and info.value.offset == 1000


def test_long_stream_with_compaction() -> None:
    # Many replies in odd-sized pieces: the internal buffer is compacted as
    # it goes, and positions keep counting from the stream's start.
    reply = b"250-mx.example.org\r\n250 2.0.0 OK\r\n"
    stream = reply * 5000
    p = ReplyParser()
    count = 0
    last = None
    for i in range(0, len(stream), 997):
        for r in p.feed(stream[i : i + 997]):
            assert r.offset == count * len(reply)
            count += 1
            last = r
        assert p.buffered < len(reply)
    p.finish()
    assert count == 5000 and last is not None and last.raw == reply


def test_one_parser_shared_by_threads_stays_consistent() -> None:
    # The GIL is held during feed(): each call is atomic.
    p = ReplyParser()
    results: list[int] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(500):
            got = p.feed(b"250 ok\r\n")
            with lock:
                results.append(len(got))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [1] * 2000 and p.position == 2000 * 8


def test_replies_from_the_stream_pickle() -> None:
    (r,) = ReplyParser().feed(b"550 5.7.1 no\r\n")
    assert pickle.loads(pickle.dumps(r)) == r


def test_chunking_regression_found_by_atheris() -> None:
    # 8-bit text after a glued separator, then a cut reply: found by
    # tests/python/fuzz_smtpreply.py against a core in progress.
    data = b"334" + b"\xff" * 21 + b"~" + b"\xff" * 23 + b"\r\n235 2.27"
    opts = Options(lenient=smtpreply.Leniency(55), max_line_octets=847, max_auth_line_octets=833,
                   max_reply_octets=1620, max_reply_lines=51)

    def run(chunk: int) -> tuple[list[smtpreply.Reply], tuple[str, int] | None]:
        p = ReplyParser(options=opts)
        out: list[smtpreply.Reply] = []
        try:
            for i in range(0, len(data), chunk):
                out += p.feed(data[i : i + chunk])
            p.finish()
        except ParseError as e:
            return out + list(e.replies), (e.reason, e.offset)
        return out, None

    whole = run(len(data))
    assert whole[1] == ("incomplete", 50) and len(whole[0]) == 1
    assert whole[0][0].flags == smtpreply.Flag.INVALID_SEPARATOR | smtpreply.Flag.INVALID_UTF8
    for chunk in range(1, 24):
        assert run(chunk) == whole, chunk


# Issue 11 #8: after an error the parser keeps no bytes it will never use.
def test_parser_drops_the_unconsumed_chunk_after_an_error() -> None:
    parser = smtpreply.ReplyParser()
    parser.feed(b"250-partial")
    with pytest.raises(smtpreply.ParseError):
        parser.feed(b"\r\n251 mismatched code\r\n" + b"x" * 1_000_000)
    assert parser.failed and parser.buffered == 0
    with pytest.raises(smtpreply.ParseError):  # still sticky
        parser.feed(b"250 ok\r\n")
    with pytest.raises(smtpreply.ParseError):
        smtpreply.ReplyParser().feed(b"250 ok\r\n999 \x00" + b"y" * 1000)
