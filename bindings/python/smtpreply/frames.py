"""One reply per row of a string column: the form bounce and log pipelines
hold replies in (pandas, Arrow, Dask, Spark). :func:`scan_column` parses every
row, :func:`classify_column` also classifies it, and both return a column per
field: a ``pyarrow.Table`` for Arrow input and a ``pandas.DataFrame`` (same
index) for a pandas ``Series``. The rows are read from the column's Arrow
buffers by the C++ core, with no Python object per row and the GIL released
for large columns, so Dask or Spark workers run it in parallel.

Needs ``pyarrow`` (and ``pandas`` for pandas input or output):
``pip install smtpreply[frames]``. They are imported when first used.

A row is one reply as logs keep it: the final CRLF is optional, and a
multi-line reply flattened onto one line (``550-5.1.1 a 550 5.1.1 b``, as
Postfix logs it) has its lines restored (``unflatten``, as
:class:`TranscriptReader` does). A null row gives nulls; a row that is not
exactly one valid reply gives ``error`` (the :attr:`ParseError.reason` that
:func:`parse` would raise) and null parse fields, never an exception.

>>> import pyarrow as pa
>>> t = classify_column(pa.array(["250 2.0.0 Ok: queued", None, "550-5.1.1 a 550 5.1.1 user unknown", "oops"]))
>>> t.column("code").to_pylist(), t.column("enhanced").to_pylist()
([250, None, 550, None], ['2.0.0', None, '5.1.1', None])
>>> t.column("reason").to_pylist(), t.column("error").to_pylist()
(['delivered', None, 'user_unknown', 'unknown'], [None, None, None, 'invalid_code'])
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Optional, Union

from ._options import Options
from ._smtpreply import (
    _SCAN_NOGIL_BYTES,
    Command,
    Leniency,
    _column_dictionaries,
    _scan_column,
)
from .transcripts import _log_command

__all__ = ["classify_column", "column_meta", "column_schema", "scan_column"]

_INSTALL_HINT = "smtpreply's column API needs pyarrow (and pandas for pandas data): pip install smtpreply[frames]"


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise ImportError(f"{_INSTALL_HINT} ({e})") from e


def column_schema(*, classify: bool = False) -> Any:
    """The ``pyarrow.Schema`` of :func:`scan_column`'s result (of
    :func:`classify_column`'s with ``classify=True``): the type to declare
    for a Spark UDF. :func:`column_meta` is the pandas equivalent."""
    return _cached(("schema", classify), lambda: _make_schema(classify))


_CACHE: dict[tuple[str, bool], Any] = {}


def _cached(key: tuple[str, bool], make: Callable[[], Any]) -> Any:
    """Made once per key; dict.setdefault keeps the first when threads race."""
    value = _CACHE.get(key)
    return value if value is not None else _CACHE.setdefault(key, make())


def _make_schema(classify: bool) -> Any:
    pa = _import("pyarrow")
    categories = pa.dictionary(pa.int8(), pa.string())
    fields = [
        pa.field("code", pa.uint16()),  # the reply code
        pa.field("class", pa.uint8()),  # its first digit (2, 3, 4, 5)
        pa.field("enhanced", pa.large_string()),  # "5.1.1", when the reply has one
        pa.field("lines", pa.uint32()),
        pa.field("flags", pa.uint32()),  # Flag bits
        pa.field("error", categories),  # the ParseError reason when the row does not parse
    ]
    if classify:
        fields += [
            pa.field("reason", categories),  # Reason
            pa.field("action", categories),  # Action, lower case
            pa.field("permanent", pa.bool_()),  # a hard bounce
            pa.field("retry_after", pa.uint32()),  # seconds, when the text states a delay
            pa.field("provider", pa.large_string()),  # when a provider rule decided
        ]
    return pa.schema(fields)


def column_meta(*, classify: bool = False) -> Any:
    """An empty ``pandas.DataFrame`` with the dtypes of the pandas result:
    Dask's ``meta=`` for ``map_partitions(classify_column, ...)``."""
    pa = _import("pyarrow")
    empty = _run(pa.array([], type=pa.string()), None, False, None, classify, True, "arrow")
    return _to_pandas(empty, None)  # with the categories every result has


# ---- Input: a column -> Arrow arrays of string or binary ----------------------------------
def _arrow_arrays(column: Any) -> tuple[list[Any], Any]:
    """The column's Arrow chunks (string, large_string, binary or
    large_binary) and, for a pandas Series, its index."""
    pa = _import("pyarrow")
    index = None
    module = type(column).__module__.split(".")[0]
    if module == "pandas":
        pd = _import("pandas")
        if not isinstance(column, pd.Series):
            raise TypeError(f"a pandas column must be a Series, not {type(column).__name__}")
        index = column.index
        if column.dtype == object:
            column = _from_python(pa, column.tolist())
        else:
            column = pa.array(column, from_pandas=True)
    elif isinstance(column, (pa.Array, pa.ChunkedArray)):
        pass
    elif hasattr(column, "__arrow_c_stream__"):  # the Arrow PyCapsule interface (polars, ...): no copy
        column = pa.chunked_array(column)
    elif hasattr(column, "__arrow_c_array__"):
        column = pa.array(column)
    else:
        if isinstance(column, (str, bytes, bytearray, memoryview)):
            raise TypeError("scan_column() takes a column of replies (use parse() for one reply)")
        column = _from_python(pa, list(column))
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    out = []
    for arr in chunks:
        t = arr.type
        if pa.types.is_dictionary(t):
            arr = arr.dictionary_decode()
            t = arr.type
        if pa.types.is_null(t):
            arr = arr.cast(pa.string())
        elif pa.types.is_string_view(t):
            arr = arr.cast(pa.large_string())
        elif pa.types.is_binary_view(t):
            arr = arr.cast(pa.large_binary())
        elif not (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t)
                  or pa.types.is_large_binary(t)):
            raise TypeError(f"a column of replies holds strings or bytes, not {t}")
        out.append(arr)
    return out, index


def _missing(v: Any) -> bool:
    """None, NaN or pandas.NA: how a missing value comes in a list or an object column."""
    return v is None or (isinstance(v, float) and v != v) or type(v).__name__ == "NAType"


def _from_python(pa: Any, values: list[Any]) -> Any:
    """str, bytes and missing values (None, NaN, pandas.NA)."""
    values = [None if _missing(v) else v for v in values]
    if all(v is None or isinstance(v, str) for v in values):
        return pa.array(values, type=pa.large_string())
    encoded = []
    for v in values:
        if v is None or isinstance(v, bytes):
            encoded.append(v)
        elif isinstance(v, str):
            encoded.append(v.encode("utf-8", "surrogateescape"))
        elif isinstance(v, (bytearray, memoryview)):
            encoded.append(bytes(v))
        else:
            raise TypeError(f"a column of replies holds str or bytes, not {type(v).__name__}")
    return pa.array(encoded, type=pa.large_binary())


# ---- One chunk through the C++ core -------------------------------------------------------
def _scan_chunk(pa: Any, arr: Any, options: Options, command: Command, commands: Optional[memoryview],
                with_classes: bool, unflatten: bool) -> Any:
    validity, offsets, data = arr.buffers()[:3]
    wide = pa.types.is_large_string(arr.type) or pa.types.is_large_binary(arr.type)
    r = _scan_column(b"" if data is None else data, offsets, validity if arr.null_count else None, arr.offset,
                     len(arr), wide, int(options.lenient), options.max_line_octets, options.max_auth_line_octets,
                     options.max_reply_octets, options.max_reply_lines, int(command), commands, with_classes,
                     unflatten, _SCAN_NOGIL_BYTES)
    n = len(arr)
    buf = pa.py_buffer

    def fixed(t: Any, values: bytes, bits: Any) -> Any:
        return pa.Array.from_buffers(t, n, [buf(bits[0]), buf(values)], null_count=bits[1])

    def strings(s: Any) -> Any:
        return pa.Array.from_buffers(pa.large_string(), n, [buf(s[0]), buf(s[2]), buf(s[3])], null_count=s[1])

    def labels(indices: bytes, bits: Any, names: Any) -> Any:
        return pa.DictionaryArray.from_arrays(fixed(pa.int8(), indices, bits), names)

    parsed = r["parsed"]
    columns = [
        fixed(pa.uint16(), r["code"], parsed),
        fixed(pa.uint8(), r["class"], parsed),
        strings(r["enhanced"]),
        fixed(pa.uint32(), r["lines"], parsed),
        fixed(pa.uint32(), r["flags"], parsed),
        labels(r["error"][0], r["error"][1], _dictionaries(pa)[0]),
    ]
    if with_classes:
        rows = r["row_valid"]
        columns += [
            labels(r["reason"], rows, _dictionaries(pa)[1]),
            labels(r["action"], rows, _dictionaries(pa)[2]),
            pa.Array.from_buffers(pa.bool_(), n, [buf(rows[0]), buf(r["permanent"])], null_count=rows[1]),
            fixed(pa.uint32(), r["retry_after"][0], r["retry_after"][1]),
            strings(r["provider"]),
        ]
    return pa.RecordBatch.from_arrays(columns, schema=column_schema(classify=with_classes))


def _dictionaries(pa: Any) -> tuple[Any, ...]:
    """The error, reason and action names as Arrow arrays (the dictionaries
    of those columns: the same in every chunk and every partition)."""
    return _cached(("dictionaries", False),  # type: ignore[no-any-return]
                   lambda: tuple(pa.array(names, type=pa.string()) for names in _column_dictionaries()))


def _command_of(value: Any) -> Command:
    """A command given as a Command (or its value), a name ("RCPT") or as a
    log writes it ("RCPT TO", "end of DATA", "MAIL FROM:<a@b>")."""
    if isinstance(value, bytes):
        return _log_command(value)
    if isinstance(value, str):
        return _log_command(value.encode("utf-8", "surrogateescape"))
    return Command(value)


def _command_column(pa: Any, commands: Any, rows: int) -> memoryview:
    """A column of commands, one per row, as one byte per row (nulls: Command.NONE)."""
    if type(commands).__module__.split(".")[0] == "pandas":
        commands = commands.tolist() if commands.dtype == object else pa.array(commands, from_pandas=True)
    if not isinstance(commands, (pa.Array, pa.ChunkedArray)):
        values = [None if _missing(v) else v for v in commands]
        if all(v is None or isinstance(v, (str, bytes)) for v in values):
            commands = _from_python(pa, values)
        else:
            commands = pa.array([None if v is None else int(_command_of(v)) for v in values], type=pa.uint8())
    if isinstance(commands, pa.ChunkedArray):
        commands = commands.combine_chunks()
    if len(commands) != rows:
        raise ValueError(f"command= has {len(commands)} rows, the column {rows}")
    if pa.types.is_dictionary(commands.type):
        commands = commands.dictionary_decode()
    if pa.types.is_integer(commands.type):
        values = commands.cast(pa.uint8()).fill_null(0)
    else:  # text: each distinct value read once
        encoded = commands.dictionary_encode()
        known = pa.array([int(_command_of(v)) for v in encoded.dictionary.to_pylist()], type=pa.uint8())
        values = known.take(encoded.indices).fill_null(0)
    return memoryview(values.to_numpy(zero_copy_only=False).tobytes())


# ---- Output ----------------------------------------------------------------------------
def _to_pandas(table: Any, index: Any) -> Any:
    """Nullable pandas dtypes (UInt16, boolean, string[pyarrow], category),
    so that a null stays a null and not a float NaN."""
    pa = _import("pyarrow")
    pd = _import("pandas")
    dtypes = {
        pa.uint8(): pd.UInt8Dtype(),
        pa.uint16(): pd.UInt16Dtype(),
        pa.uint32(): pd.UInt32Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.large_string(): pd.StringDtype("pyarrow"),
    }
    frame = table.to_pandas(types_mapper=dtypes.get)
    if index is not None:
        frame.index = index
    return frame


def _run(column: Any, options: Optional[Options], lenient: Union[bool, Leniency], command: Any,
         with_classes: bool, unflatten: bool, output: Optional[str]) -> Any:
    if output not in (None, "arrow", "pandas"):
        raise ValueError(f"output must be 'arrow', 'pandas' or None, not {output!r}")
    if options is None:
        options = Options(lenient=lenient)
    elif lenient is not False and lenient is not None:
        raise TypeError("pass either options= or lenient=, not both")
    elif not isinstance(options, Options):
        raise TypeError(f"options must be a smtpreply.Options or None, not {type(options).__name__}")
    pa = _import("pyarrow")
    chunks, index = _arrow_arrays(column)
    cmd, commands = Command.NONE, None
    if isinstance(command, (int, str, bytes)):
        cmd = _command_of(command)
    elif command is not None:
        commands = _command_column(pa, command, sum(len(arr) for arr in chunks))
    batches = []
    start = 0
    for arr in chunks:
        part = None if commands is None else commands[start:start + len(arr)]
        batches.append(_scan_chunk(pa, arr, options, cmd, part, with_classes, unflatten))
        start += len(arr)
    table = pa.Table.from_batches(batches, schema=column_schema(classify=with_classes))
    if output == "pandas" or (output is None and index is not None):
        return _to_pandas(table, index)
    return table


def scan_column(column: Any, *, options: Optional[Options] = None, lenient: Union[bool, Leniency] = False,
                unflatten: bool = True, output: Optional[str] = None) -> Any:
    """Parses every row of ``column`` as one reply (see the module's help).

    ``column``: a ``pyarrow`` string or binary ``Array`` or ``ChunkedArray``
    (``large_`` and ``_view`` types too), a pandas ``Series`` (``object``
    dtype of str/bytes, ``string[pyarrow]``, ``string[python]``, ``str``),
    any column with the Arrow PyCapsule interface (``__arrow_c_stream__``,
    ``__arrow_c_array__``: polars, ...), or a list of str/bytes/None. Arrow
    columns are read in place.

    The result has one row per input row, nulls where the row is null or
    did not parse: ``code`` (uint16), ``class`` (its first digit),
    ``enhanced`` ("5.1.1"), ``lines``, ``flags`` (:class:`Flag` bits) and
    ``error`` (categories: :attr:`ParseError.reason`, null when the row
    parsed). A ``pyarrow.Table``, or with ``output="pandas"`` (the default
    for a pandas Series) a ``pandas.DataFrame`` with the Series' index and
    nullable dtypes. ``options``/``lenient`` as for :func:`parse`;
    ``unflatten=False`` parses each row's bytes as they are (a final CRLF
    is still added when missing)."""
    return _run(column, options, lenient, None, False, unflatten, output)


def classify_column(column: Any, *, command: Any = None, options: Optional[Options] = None,
                    lenient: Union[bool, Leniency] = False, unflatten: bool = True,
                    output: Optional[str] = None) -> Any:
    """:func:`scan_column`, plus what :func:`classify` says of each row.
    ``command``: the command the replies answer, when known: one
    :class:`Command` for all, or a column of the same length with one per
    row (Command values, or text as logs name it: ``"RCPT TO"``,
    ``"end of DATA"``; null: none). The result adds
    ``reason`` and ``action`` (categories, :class:`Reason` and
    :class:`Action` names in lower case), ``permanent`` (a hard bounce),
    ``retry_after`` (seconds, when stated) and ``provider``. A row that does
    not parse is classified by its text, as ``classify(text)`` does; only
    null rows have null classes.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"reply": ["550 5.1.1 no such user", "452 4.2.2 over quota"],
    ...                     "command": ["RCPT TO", "end of DATA"]})
    >>> classify_column(log.reply, command=log.command)[["code", "reason", "action"]]
       code        reason       action
    0   550  user_unknown      give_up
    1   452  mailbox_full  retry_later
    """
    return _run(column, options, lenient, command, True, unflatten, output)
