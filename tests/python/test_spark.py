"""The column API as a PySpark pandas_udf on a local SparkSession (local[2]):
a generated Postfix maillog (tests/python/maillog_sample.py) read as a text
DataFrame, each line classified by docs/scale.md's UDF, and the rows equal
the single-process result.

Heavy (a JVM, ~400 MB of pyspark): the optional stage
scripts/test.d/65-spark.sh (SMTPREPLY_SPARK=1) installs pyspark in an
environment of its own and runs this file. Elsewhere it is skipped when
pyspark is not installed, and only then."""

from __future__ import annotations

import os
import pathlib
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from maillog_sample import classify_lines, write_maillog

pytest.importorskip("pyspark", reason="pyspark is not installed (SMTPREPLY_SPARK=1 scripts/test.d/65-spark.sh runs "
                                      "this test in an environment that has it)")
import pandas as pd
import smtpreply
from pyspark.sql import SparkSession
from pyspark.sql.functions import col, pandas_udf
from pyspark.sql.types import BooleanType, IntegerType, LongType, StringType, StructField, StructType

# The UDF's return type: column_schema(classify=True) in Spark's terms (Spark has no unsigned
# integers: codes are ints, counts longs; the categories arrive as strings).
SPARK_SCHEMA = StructType([StructField(name, kind) for name, kind in [
    ("code", IntegerType()), ("class", IntegerType()), ("enhanced", StringType()), ("lines", LongType()),
    ("flags", LongType()), ("error", StringType()), ("reason", StringType()), ("action", StringType()),
    ("permanent", BooleanType()), ("retry_after", LongType()), ("provider", StringType())]])


@pandas_udf(SPARK_SCHEMA)
def classify_replies(lines: pd.Series) -> pd.DataFrame:
    """docs/scale.md's UDF: a batch of log lines in, one row of fields per line out."""
    return classify_lines(lines)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    here = str(pathlib.Path(__file__).resolve().parent)  # maillog_sample, for the Python workers
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("smtpreply-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_pandas_udf_on_a_local_session(spark: Any, tmp_path: pathlib.Path) -> None:
    paths = []
    lines = 0
    for i in range(2):
        path = tmp_path / f"maillog.{i}"
        lines += write_maillog(path, 1 << 20, seed=i)
        paths.append(str(path))
    logs = spark.read.text(paths)  # column "value": one line per row
    logs = logs.repartition(4)
    result = logs.select(col("value").alias("line"), classify_replies(col("value")).alias("r")).select("line", "r.*")
    got = result.toPandas()
    assert result.rdd.getNumPartitions() == 4

    expected = classify_lines(pd.Series(got["line"], dtype="string[pyarrow]"))
    assert len(got) == len(expected) == lines
    for name in expected.columns:
        want = expected[name].astype(object).where(expected[name].notna(), None).tolist()
        have = got[name].astype(object).where(got[name].notna(), None).tolist()
        assert have == want, name
    assert smtpreply.column_schema(classify=True).names == list(got.columns[1:])
    by_reason = got.groupby("reason").size()
    assert by_reason["delivered"] > by_reason["user_unknown"] > 0
    hard_by_reason = result.where("permanent").groupBy("reason").count()
    hard = {row["reason"]: row["count"] for row in hard_by_reason.collect()}
    want = expected[expected["permanent"].fillna(False)]["reason"].value_counts()
    assert hard == {k: n for k, n in want.items() if n} != {}
