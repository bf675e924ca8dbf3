"""Throughput of smtpreply's column API on a generated Postfix maillog
(tests/python/maillog_sample.py): one process, a Dask LocalCluster of
worker processes, and optionally PySpark local[N] (docs/scale.md's recipes).

Each run counts the bounce reasons of every line: read the files, take each
line's reply and command out (pandas str.extract), classify_column(), then
value_counts / groupBy. Rows are log lines (a reply or not). Dask and Spark
run twice: "cold" includes starting the workers' Python processes and their
imports; the second run is the figure.

    python bench/python/bench_frames.py --size 256M --workers 2 [--spark]
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time
from typing import Any, Callable

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "tests" / "python"))

import pandas as pd
import smtpreply
from maillog_sample import REPLY_PATTERN, classify_lines, parse_size, write_maillog

READ = {"sep": "\x1f", "header": None, "names": ["line"], "dtype": {"line": "string[pyarrow]"}, "quoting": 3,
        "keep_default_na": False}


def timed(label: str, rows: int, size: int, run: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    out = run()
    s = time.perf_counter() - start
    print(f"{label:<44} {rows / s / 1e6:7.3f} M rows/s  {size / s / 2**20:7.1f} MiB/s  ({s:.2f} s)", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=parse_size, default=parse_size("128M"), help="log bytes in all (e.g. 2G)")
    ap.add_argument("--files", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2, help="Dask worker processes (and Spark local[N])")
    ap.add_argument("--spark", action="store_true", help="also run the PySpark pandas_udf recipe")
    ap.add_argument("--dir", type=pathlib.Path, help="where to write the log (default: a temporary directory)")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory() if args.dir is None else None
    where = pathlib.Path(tmp.name) if tmp else args.dir
    where.mkdir(parents=True, exist_ok=True)
    paths = [str(where / f"maillog.{i:03d}") for i in range(args.files)]
    rows = sum(write_maillog(pathlib.Path(p), args.size // args.files, seed=i) for i, p in enumerate(paths))
    size = sum(pathlib.Path(p).stat().st_size for p in paths)
    print(f"{rows} lines, {size / 2**20:.1f} MiB in {args.files} files; smtpreply {smtpreply.__version__}, "
          f"pandas {pd.__version__}")

    frames = [pd.read_csv(p, **READ) for p in paths]
    replies = [f["line"].str.extract(REPLY_PATTERN) for f in frames]
    n_replies = sum(int(r["reply"].notna().sum()) for r in replies)
    reply_bytes = sum(int(r["reply"].str.len().sum()) for r in replies)
    print(f"{n_replies} of the lines carry a reply ({reply_bytes / 2**20:.1f} MiB of reply text)")
    timed("classify_column alone (replies, 1 process)", n_replies, reply_bytes,
          lambda: [smtpreply.classify_column(r["reply"], command=r["command"]) for r in replies])
    timed("scan_column alone (replies, 1 process)", n_replies, reply_bytes,
          lambda: [smtpreply.scan_column(r["reply"]) for r in replies])

    def single() -> Any:
        counts = [classify_lines(pd.read_csv(p, **READ)["line"])["reason"].value_counts() for p in paths]
        return pd.concat(counts).groupby(level=0, observed=True).sum()

    want = timed("read+extract+classify, 1 process", rows, size, single)

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=args.workers, processes=True, threads_per_worker=1, dashboard_address=None) as c, \
            Client(c):
        ddf = dd.read_csv(paths, blocksize=16 << 20, **READ)

        def dask_run() -> Any:
            result = ddf["line"].map_partitions(classify_lines, meta=smtpreply.column_meta(classify=True))
            return result["reason"].value_counts().compute()

        timed(f"read+extract+classify, Dask {args.workers} workers, cold", rows, size, dask_run)
        got = timed(f"read+extract+classify, Dask {args.workers} workers", rows, size, dask_run)
    assert {k: int(v) for k, v in got.items() if v} == {k: int(v) for k, v in want.items() if v}  # the same counts

    if args.spark:
        import os

        from pyspark.sql import SparkSession
        from pyspark.sql.functions import col, pandas_udf

        os.environ["PYTHONPATH"] = os.pathsep.join([str(pathlib.Path(__file__).resolve().parents[2] / "tests" /
                                                        "python"), os.environ.get("PYTHONPATH", "")])
        os.environ["PYSPARK_PYTHON"] = sys.executable
        spark = (SparkSession.builder.master(f"local[{args.workers}]").config("spark.ui.enabled", "false")
                 .config("spark.ui.showConsoleProgress", "false")
                 .getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")

        @pandas_udf("string")
        def reason(lines: pd.Series) -> pd.Series:
            return classify_lines(lines)["reason"].astype("string")

        def spark_run() -> Any:
            return spark.read.text(paths).select(reason(col("value")).alias("reason")).groupBy("reason").count() \
                .collect()

        timed(f"read+extract+classify, Spark local[{args.workers}], cold", rows, size, spark_run)
        timed(f"read+extract+classify, Spark local[{args.workers}]", rows, size, spark_run)
        spark.stop()
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
