#!/usr/bin/env bash
# OPTIONAL (SMTPREPLY_SPARK=1 or SMTPREPLY_SLOW=1): the column API as a
# PySpark pandas_udf (docs/scale.md). In a virtual environment of its own,
# since pyspark is large (~400 MB with its jars):
#  1. Java (java on PATH, else Debian's default-jre-headless when run as root);
#  2. the test tools, pyspark, and pandas < 3 (pyspark 4 warns that it does
#     not support pandas 3 yet, and the tests turn warnings into errors);
#  3. the package, built from the repository as 40-python builds it;
#  4. tests/python/test_spark.py (a local[2] SparkSession, a pandas_udf
#     over a generated maillog) and test_frames.py under that pandas, run
#     from outside the repository; a skipped test fails the stage;
#  5. bench/python/bench_frames.py --spark on a 32 MiB log: rows/s in one
#     process, Dask with 2 workers and Spark local[2] (figures, not checks).
# Budget: 3.5-6 minutes on 2 cores (pyspark from the pip cache, the build, ~30 s of tests, the figures).
set -euo pipefail
: "${ROOT:?}" "${OUT:?}"
. "$ROOT/scripts/lib.sh"
optional_stage SMTPREPLY_SPARK "run the PySpark pandas_udf test"
PY=${PYTHON:-python3}
W=$OUT/spark
rm -rf "$W"
mkdir -p "$W/run"

# ---- 1. Java --------------------------------------------------------------------------------
if ! command -v java >/dev/null; then
  ensure_debian_packages default-jre-headless || true
fi
if java -version >"$W/java.txt" 2>&1; then
  ok "java: $(head -n 1 "$W/java.txt")"
else
  bad "no java for Spark (install a JRE 17 or later)"
  summary "spark"
fi

# ---- 2-3. Environment and package -----------------------------------------------------------
"$PY" -m venv "$W/venv"
SPY=$W/venv/bin/python
# Two steps: the requirements pin pandas 3, which the second replaces.
if venv_install "$SPY" -r "$(test_requirements)" >"$W/pip.log" 2>&1 &&
  venv_install "$SPY" pyspark "pandas<3" >>"$W/pip.log" 2>&1; then
  ok "installed $("$SPY" -m pip list 2>/dev/null | grep -iE '^(pyspark|pandas|pyarrow) ' | tr -s ' ' | paste -sd, -)"
else
  tail -n 20 "$W/pip.log" >&2
  bad "pip install pyspark"
  summary "spark"
fi
if CMAKE_BUILD_PARALLEL_LEVEL=${JOBS:-2} venv_install "$SPY" "$ROOT" >"$W/build.log" 2>&1; then
  ok "built and installed the package"
else
  tail -n 40 "$W/build.log" >&2
  bad "build the package"
  summary "spark"
fi

# ---- 4. The tests -----------------------------------------------------------------------------
if (cd "$W/run" && PYTHONDONTWRITEBYTECODE=1 "$SPY" -m pytest "$ROOT/tests/python/test_spark.py" \
  "$ROOT/tests/python/test_frames.py" -q -rs -p no:cacheprovider --rootdir "$ROOT" >"$W/pytest.log" 2>&1); then
  if grep -q "SKIPPED" "$W/pytest.log"; then
    grep "SKIPPED" "$W/pytest.log" >&2
    bad "a test was skipped"
  else
    ok "test_spark.py and test_frames.py (pandas <3): $(tail -n 1 "$W/pytest.log")"
  fi
else
  tail -n 60 "$W/pytest.log" >&2
  bad "test_spark.py and test_frames.py"
fi

# ---- 5. Figures -------------------------------------------------------------------------------
if (cd "$W/run" && "$SPY" "$ROOT/bench/python/bench_frames.py" --size 32M --files 4 --workers 2 --spark \
  >"$W/bench.log" 2>&1); then
  cat "$W/bench.log"
  ok "bench_frames.py --spark"
else
  tail -n 30 "$W/bench.log" >&2
  bad "bench_frames.py --spark"
fi

summary "spark"
