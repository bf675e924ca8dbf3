"""The column API inside Dask's distributed scheduler: a generated Postfix
maillog (tests/python/maillog_sample.py; gigabytes by its size parameter, a
few MB here) written to files, read with dask.dataframe in several
partitions, and classified with map_partitions on a LocalCluster of two
worker processes. The result equals the single-process one row for row, and
both workers did part of the work. The recipe is docs/scale.md's.

dask[distributed] is in scripts/requirements-test.txt: this test fails when
it is missing, unless SMTPREPLY_ALLOW_MISSING_FRAMES=1 (then it is skipped)."""

from __future__ import annotations

import os
import pathlib
import time
from typing import Any

import pytest
import smtpreply
from maillog_sample import classify_lines, write_maillog


def _require(name: str) -> Any:
    if os.environ.get("SMTPREPLY_ALLOW_MISSING_FRAMES") == "1":
        return pytest.importorskip(name, reason=f"{name} is not installed (needs pandas, pyarrow, dask[distributed])")
    return __import__(name)


_require("pandas")
_require("pyarrow")
_require("dask")
_require("distributed")
import dask.dataframe as dd  # noqa: E402
import distributed  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

SAMPLE_BYTES = 4 << 20  # 4 MiB in 4 files (maillog_sample.py makes GB-scale input with --size)


def test_classify_a_maillog_on_a_local_cluster(tmp_path: pathlib.Path) -> None:
    paths = []
    lines = 0
    for i in range(4):
        path = tmp_path / f"maillog.{i}"
        lines += write_maillog(path, SAMPLE_BYTES // 4, seed=i)
        paths.append(str(path))

    # The single-process result: the same files, the same function.
    whole = pd.concat([pd.read_csv(p, sep="\x1f", header=None, names=["line"], dtype={"line": "string[pyarrow]"},
                                   quoting=3, keep_default_na=False) for p in paths], ignore_index=True)
    assert len(whole) == lines
    expected = classify_lines(whole["line"])

    started = time.monotonic()
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        ddf = dd.read_csv(paths, sep="\x1f", header=None, names=["line"], dtype={"line": "string[pyarrow]"},
                          quoting=3, blocksize=512 << 10, keep_default_na=False)  # one string column, the line
        assert ddf.npartitions >= 8
        result = ddf["line"].map_partitions(classify_lines, meta=smtpreply.column_meta(classify=True))
        with distributed.get_task_stream(client) as stream:
            got = result.compute()
        workers = {task["worker"] for task in stream.data}
        bounces = result[result["permanent"].fillna(False)]["reason"].value_counts().compute()  # docs/scale.md
    elapsed = time.monotonic() - started

    assert len(workers) == 2, workers  # both worker processes parsed partitions
    assert len(got) == lines
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
    assert got.dtypes.equals(smtpreply.column_meta(classify=True).dtypes)  # categories survived the concatenation
    counts = got["reason"].value_counts()
    assert counts["delivered"] > counts["user_unknown"] > 0 and got["error"].notna().sum() > 0
    assert got["code"].isna().sum() > 0  # the queue manager's lines: no reply, null rows
    hard = expected[expected["permanent"].fillna(False)]["reason"].value_counts()
    assert {k: n for k, n in bounces.items() if n} == {k: n for k, n in hard.items() if n} != {}
    assert elapsed < 60, elapsed
