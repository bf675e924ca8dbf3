"""smtpreply.scan_column() and classify_column(): one reply per row of an
Arrow or pandas string column. Each row's result agrees with parse() and
classify() of that row; nulls stay nulls; a bad row is an error in its row,
never an exception; every column type and layout (chunks, slices, views,
dictionaries, offsets of 32 and 64 bits) reads the same.

pyarrow and pandas are in scripts/requirements-test.txt: these tests fail
when they are missing, unless SMTPREPLY_ALLOW_MISSING_FRAMES=1 (then they are
skipped, with the reason in pytest's summary)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from typing import Any, Optional

import pytest
import smtpreply
from conftest import CountingThread
from maillog_sample import REPLY_PATTERN, maillog_lines
from smtpreply import Command, Leniency, Options, ParseError, classify, classify_column, parse, scan_column
from smtpreply.transcripts import _unflatten


def _require(name: str) -> Any:
    if os.environ.get("SMTPREPLY_ALLOW_MISSING_FRAMES") == "1":
        return pytest.importorskip(name, reason=f"{name} is not installed (pip install smtpreply[frames])")
    return __import__(name)


pa = _require("pyarrow")
pd = _require("pandas")

EDGE_ROWS: list[Optional[str]] = [
    "250 OK",
    "250 OK\r\n",  # the final CRLF is optional
    "250-mx.example.org\r\n250 SIZE 1000\r\n",  # a multi-line reply as on the wire
    "250-mx.example.org\n250 SIZE 1000",  # lines joined by LF: restored
    "550-5.7.1 first 550-5.7.1 second 550 5.7.1 third",  # flattened by Postfix
    "550-5.7.1 first\\n550 5.7.1 second",  # Exim's written-out \n
    "  421 4.3.2 Service shutting down  ",  # spaces around
    "451 4.7.1 Greylisted, try again in 300 seconds",
    "552-5.2.2 The email account that you tried to reach is over quota. 552 5.2.2 - gsmtp",
    None,
    "",
    "   ",
    "oops",
    "55O no",
    "250 OK\r\n250 again",  # two replies: trailing_data, as parse() says
    "550-cut off",  # incomplete
    "250 caf\u00e9",
    "250 tab\there",
    "250 nul\x00byte",
    "651 out of range",
    "250 " + "x" * 3000,  # line_too_long
    "250 OK\r\n\r\n",  # an empty line after it
]


def expected_row(row: Optional[str], *, command: Command = Command.NONE, unflatten: bool = True,
                 lenient: Any = False) -> dict[str, Any]:
    """What parse() and classify() say of one row, in the columns' terms."""
    none = dict.fromkeys(["code", "class", "enhanced", "lines", "flags", "error", "reason", "action", "permanent",
                          "retry_after", "provider"])
    if row is None:
        return none
    raw = row.encode("utf-8", "surrogateescape")
    if unflatten:
        wire = _unflatten(raw)
    else:
        wire = raw if raw.endswith(b"\n") else raw + (b"\n" if raw.endswith(b"\r") else b"\r\n")
    out = dict(none)
    try:
        reply = parse(wire, lenient=lenient)
    except ParseError as e:
        out["error"] = e.reason
        c = classify(raw, command=command)
    else:
        out.update(code=int(reply.code), enhanced=None if reply.enhanced is None else str(reply.enhanced),
                   lines=reply.line_count, flags=int(reply.flags))
        out["class"] = int(reply.code) // 100
        c = classify(reply, command=command)
    out.update(reason=str(c.reason), action=c.action.name.lower(), permanent=c.permanent,
               retry_after=c.retry_after, provider=c.provider)
    return out


def rows_of(table: Any) -> list[dict[str, Any]]:
    return table.to_pylist()  # type: ignore[no-any-return]


def check_agreement(rows: list[Optional[str]], *, commands: Optional[list[Command]] = None, **kwargs: Any) -> None:
    table = classify_column(pa.array(rows, type=pa.string()), command=commands, **kwargs)
    assert table.num_rows == len(rows)
    for i, (row, got) in enumerate(zip(rows, rows_of(table))):
        cmd = Command.NONE if commands is None else commands[i]
        assert got == expected_row(row, command=cmd, **kwargs), (i, row)


def test_edge_rows_agree_with_parse_and_classify() -> None:
    check_agreement(EDGE_ROWS)
    check_agreement(EDGE_ROWS, unflatten=False)
    check_agreement(EDGE_ROWS, lenient=True)
    check_agreement(EDGE_ROWS, lenient=Leniency.BARE_LF | Leniency.EMPTY_LINE)


def test_generated_maillog_agrees_row_by_row() -> None:
    lines = pd.Series(list(maillog_lines(6000, seed=7)), dtype="string[pyarrow]")
    parts = lines.str.extract(REPLY_PATTERN)
    got = classify_column(parts["reply"], command=parts["command"], output="arrow")
    commands = [Command.NONE if c is pd.NA else smtpreply.transcripts._log_command(c.encode())
                for c in parts["command"]]
    assert set(commands) >= {Command.NONE, Command.RCPT, Command.MAIL, Command.END_OF_DATA}
    errors = set()
    for i, (row, result) in enumerate(zip(parts["reply"], rows_of(got))):
        want = expected_row(None if row is pd.NA else row, command=commands[i])
        assert result == want, (i, row)
        errors.add(result["error"])
    assert errors == {None, "invalid_code", "incomplete"}  # the sample's bad rows are there
    # Without the per-row commands, RCPT-only rules do not apply: the results may differ, the parse does not.
    plain = classify_column(parts["reply"], output="arrow")
    assert plain.column("code").equals(got.column("code"))


def test_scan_column_is_classify_column_without_the_classes() -> None:
    column = pa.array(EDGE_ROWS)
    scanned = scan_column(column)
    classified = classify_column(column)
    assert scanned.schema == smtpreply.column_schema()
    assert classified.schema == smtpreply.column_schema(classify=True)
    assert scanned.equals(classified.select(scanned.column_names))


def test_nulls_and_bad_rows() -> None:
    t = classify_column(pa.array(["250 OK", None, "garbage", ""]))
    assert t.column("code").to_pylist() == [250, None, None, None]
    assert t.column("error").to_pylist() == [None, None, "invalid_code", "empty_line"]
    assert t.column("reason").to_pylist()[1] is None and t.column("permanent").to_pylist()[1] is None
    assert t.column("reason").null_count == 1
    # The error, reason and action categories are the same in every result (Dask concatenates them).
    assert t.column("error").type == pa.dictionary(pa.int8(), pa.string())
    dictionary = t.column("error").chunk(0).dictionary.to_pylist()
    assert "ok" not in dictionary and set(smtpreply.ERROR_MESSAGES) < set(dictionary) | {"trailing_data"}
    assert t.column("reason").chunk(0).dictionary.to_pylist() == [str(r) for r in smtpreply.Reason]
    assert t.column("action").chunk(0).dictionary.to_pylist() == [a.name.lower() for a in smtpreply.Action]


ARROW_TYPES = ["string", "large_string", "binary", "large_binary", "string_view", "binary_view"]


@pytest.mark.parametrize("type_name", ARROW_TYPES)
def test_every_arrow_string_type(type_name: str) -> None:
    t = getattr(pa, type_name)()
    values: list[Any] = [r if r is None or "string" in type_name else r.encode() for r in EDGE_ROWS]
    got = classify_column(pa.array(values, type=t))
    assert got.equals(classify_column(pa.array(EDGE_ROWS)))


def test_chunked_sliced_and_dictionary_columns() -> None:
    want = classify_column(pa.array(EDGE_ROWS))
    chunked = pa.chunked_array([EDGE_ROWS[:5], [], EDGE_ROWS[5:9], EDGE_ROWS[9:]], type=pa.string())
    got = classify_column(chunked)
    assert got.num_rows == len(EDGE_ROWS) and got.column("code").num_chunks == 4
    assert got.equals(want)
    # A slice: the array's offset into its buffers (and validity bitmap) is honoured.
    padded = pa.array(["999 x", None, *EDGE_ROWS, "250 tail"])
    assert classify_column(padded.slice(2, len(EDGE_ROWS))).equals(want)
    assert classify_column(pa.array(EDGE_ROWS).dictionary_encode()).equals(want)
    # Commands per row follow the chunks.
    cmds = [Command.RCPT] * len(EDGE_ROWS)
    assert classify_column(chunked, command=cmds).equals(classify_column(pa.array(EDGE_ROWS), command=Command.RCPT))


def test_arrow_pycapsule_interface() -> None:
    """A column of another Arrow library (polars, ...) is taken through __arrow_c_stream__ / __arrow_c_array__."""

    class Stream:
        def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
            return pa.chunked_array([EDGE_ROWS[:3], EDGE_ROWS[3:]]).__arrow_c_stream__(requested_schema)

    class Array:
        def __arrow_c_array__(self, requested_schema: Any = None) -> Any:
            return pa.array(EDGE_ROWS).__arrow_c_array__(requested_schema)

    want = classify_column(pa.array(EDGE_ROWS))
    assert classify_column(Stream()).equals(want)
    assert classify_column(Array()).equals(want)


def test_empty_and_all_null_columns() -> None:
    assert classify_column(pa.array([], type=pa.string())).num_rows == 0
    assert classify_column(pa.chunked_array([], type=pa.string())).num_rows == 0
    assert classify_column([]).num_rows == 0
    t = classify_column(pa.array([None, None]))  # type null
    assert t.column("code").null_count == 2 and t.column("reason").null_count == 2


@pytest.mark.parametrize("dtype", [object, "string[pyarrow]", "string[python]", "str"])
def test_pandas_series(dtype: Any) -> None:
    values = [r for r in EDGE_ROWS if r is not None]
    series = pd.Series([*values, None], index=pd.RangeIndex(100, 100 + len(values) + 1), dtype=dtype)
    frame = classify_column(series)
    assert isinstance(frame, pd.DataFrame)
    assert frame.index.equals(series.index)
    assert str(frame["code"].dtype) == "UInt16" and str(frame["permanent"].dtype) == "boolean"
    assert str(frame["reason"].dtype) == "category" and frame["enhanced"].dtype == pd.StringDtype("pyarrow")
    want = classify_column(pa.array([*values, None]))
    assert pa.Table.from_pandas(frame, schema=want.schema, preserve_index=False).equals(want)
    assert classify_column(series, output="arrow").equals(want)
    assert frame.loc[100 + len(values)].isna().all()
    assert frame.dtypes.equals(smtpreply.column_meta(classify=True).dtypes)


def test_pandas_object_columns_of_bytes_and_nan() -> None:
    series = pd.Series([b"250 OK", float("nan"), "550 5.1.1 x", b"\xff\xfe bad", pd.NA])
    t = scan_column(series, output="arrow")
    assert t.column("code").to_pylist() == [250, None, 550, None, None]
    assert t.column("error").to_pylist() == [None, None, None, "invalid_code", None]
    assert scan_column(pd.Series(["250 OK", pd.NA, None], dtype=object)).code.isna().tolist() == [False, True, True]


def test_python_lists_and_output_choice() -> None:
    got = classify_column(EDGE_ROWS)
    assert got.equals(classify_column(pa.array(EDGE_ROWS)))
    mixed = classify_column([b"250 OK", "550 5.1.1 x", None])
    assert mixed.column("code").to_pylist() == [250, 550, None]
    frame = scan_column(["250 OK"], output="pandas")
    assert isinstance(frame, pd.DataFrame) and frame["code"].tolist() == [250]
    assert scan_column(iter(["250 OK"])).num_rows == 1


def test_commands_per_row() -> None:
    rows = ["552 5.2.2 Mailbox full", "552 5.2.2 Mailbox full", "552 5.2.2 Mailbox full", None]
    as_text = classify_column(rows, command=["RCPT TO", "end of DATA", None, "MAIL FROM"])
    as_enum = classify_column(rows, command=[Command.RCPT, Command.END_OF_DATA, None, Command.MAIL])
    assert as_text.equals(as_enum)
    for i, cmd in enumerate([Command.RCPT, Command.END_OF_DATA, Command.NONE]):
        assert rows_of(as_text)[i] == expected_row(rows[i], command=cmd)
    series = pd.Series(["RCPT TO", "end of DATA", None, "MAIL FROM"], dtype="string[pyarrow]")
    assert classify_column(rows, command=series).equals(as_text)
    objects = pd.Series([Command.RCPT, Command.END_OF_DATA, float("nan"), Command.MAIL], dtype=object)
    assert classify_column(rows, command=objects).equals(as_text)
    assert classify_column(rows, command=pd.Series(["RCPT TO", "end of DATA", pd.NA, "MAIL"])).equals(as_text)
    assert classify_column(rows, command=pa.array([int(Command.RCPT)] * 4)).equals(
        classify_column(rows, command=Command.RCPT))
    assert classify_column(rows, command="RCPT TO").equals(classify_column(rows, command=Command.RCPT))
    with pytest.raises(ValueError, match="3 rows"):
        classify_column(rows, command=["RCPT TO"] * 3)
    with pytest.raises(ValueError, match="Command"):
        classify_column(rows, command=pa.array([250, 0, 0, 0]))


def test_options() -> None:
    rows = ["250-a\n250 b", "250 " + "x" * 600]
    strict = scan_column(rows, unflatten=False)
    assert strict.column("error").to_pylist() == ["bare_lf", None]
    assert scan_column(rows, unflatten=False, lenient=True).column("error").to_pylist() == [None, None]
    assert scan_column(rows, options=Options.rfc()).column("error").to_pylist() == [None, "line_too_long"]
    lenient = scan_column(rows, unflatten=False, lenient=Leniency.BARE_LF)
    assert lenient.column("flags").to_pylist()[0] == int(smtpreply.Flag.BARE_LF)


def test_wrong_arguments() -> None:
    with pytest.raises(TypeError, match="strings or bytes"):
        scan_column(pa.array([1, 2]))
    with pytest.raises(TypeError, match="str or bytes"):
        scan_column([1, 2])
    with pytest.raises(TypeError, match="parse"):
        scan_column("250 OK")
    with pytest.raises(TypeError, match="either options= or lenient="):
        scan_column(["250 OK"], options=Options(), lenient=True)
    with pytest.raises(ValueError, match="output"):
        scan_column(["250 OK"], output="polars")
    with pytest.raises(TypeError, match="Series"):
        scan_column(pd.DataFrame({"a": ["250 OK"]}))


def test_malformed_buffers_are_refused() -> None:
    """The C++ half checks the layout before it reads: no read outside the buffers."""
    from smtpreply._smtpreply import _scan_column

    def call(data: bytes, offsets: bytes, validity: Optional[bytes], length: int) -> Any:
        return _scan_column(data, offsets, validity, 0, length, False, 0, 1000, 1000, 1000, 10, 0, None, True,
                            True, 1 << 30)

    good = pa.array(["250 OK", "550 x"]).buffers()[1].to_pybytes()
    assert call(b"250 OK550 x", good, None, 2)["rows"] == 2
    with pytest.raises(ValueError, match="offsets"):
        call(b"250 OK", good, None, 2)  # data shorter than the offsets say
    with pytest.raises(ValueError, match="offsets buffer"):
        call(b"250 OK550 x", good, None, 3)
    with pytest.raises(ValueError, match="validity"):
        call(b"250 OK550 x", good, b"", 2)


def test_large_column_matches_small_pieces(counting_thread: CountingThread) -> None:
    """A column over the GIL-release threshold gives what its pieces give, with another Python
    thread running meanwhile (a smoke test of the GIL-free path, as test_scan.py's)."""
    rnd = random.Random(3)
    rows: list[Optional[str]] = [rnd.choice(EDGE_ROWS) for _ in range(20000)]
    big = pa.array(rows)
    assert big.buffers()[2].size >= smtpreply.SCAN_NOGIL_BYTES
    pieces = pa.concat_tables([classify_column(big.slice(i, 1000)) for i in range(0, len(rows), 1000)])
    with counting_thread:
        results = [classify_column(big) for _ in range(3)]
    assert all(r.equals(pieces) for r in results)
    assert counting_thread.count > 0


def test_core_import_needs_neither_pyarrow_nor_pandas() -> None:
    code = ("import sys; sys.modules['pyarrow'] = None; sys.modules['pandas'] = None\n"
            "import smtpreply\n"
            "assert smtpreply.parse(b'250 OK\\r\\n').code == 250\n"
            "try:\n    smtpreply.scan_column(['250 OK'])\n"
            "except ImportError as e:\n    print(e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "pip install smtpreply[frames]" in out


def test_scale_md_recipes_are_the_tested_code() -> None:
    """docs/scale.md's recipes are the code test_dask.py and test_spark.py run: every line of its
    Python blocks after the first (comments and indentation aside) is in those files."""
    from conftest import ROOT

    def lines(text: str) -> list[str]:
        return [line.split("  #")[0].strip() for line in text.splitlines() if line.strip()]

    doc = (ROOT / "docs" / "scale.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0] for b in doc.split("```python\n")[2:]]
    assert len(blocks) == 4
    tested = set()
    for name in ("maillog_sample.py", "test_dask.py", "test_spark.py"):
        tested.update(lines((ROOT / "tests" / "python" / name).read_text(encoding="utf-8")))
    missing = [line for block in blocks for line in lines(block) if line not in tested]
    assert missing == []


@pytest.mark.parametrize(
    ("logged", "wire"),
    [
        (b"250 2.0.0 Ok: queued as X", b"250 2.0.0 Ok: queued as X\r\n"),
        (b"  550 5.1.1 unknown  ", b"550 5.1.1 unknown\r\n"),
        (b"550-5.7.1 a 550-5.7.1 b 550 5.7.1 c", b"550-5.7.1 a\r\n550-5.7.1 b\r\n550 5.7.1 c\r\n"),
        (b"550-5.7.1 a 421 x 550 5.7.1 c 550 d", b"550-5.7.1 a 421 x\r\n550 5.7.1 c 550 d\r\n"),
        (b"550-no later line", b"550-no later line\r\n"),
        (b"250-mx\\n250-SIZE 10\\n 250 8BITMIME \\n", b"250-mx\r\n250-SIZE 10\r\n250 8BITMIME\r\n"),
        (b"250-a\n\n250 b", b"250-a\r\n250 b\r\n"),
        (b"", b"\r\n"),
    ],
)
def test_unflatten_restores_wire_lines(logged: bytes, wire: bytes) -> None:
    """One implementation (C++) serves TranscriptReader and the column API."""
    assert _unflatten(logged) == wire
    assert smtpreply.transcripts._unflatten is smtpreply._smtpreply._unflatten
