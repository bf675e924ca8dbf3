#!/bin/bash -eu
# ClusterFuzzLite entry point: $CXX, $CXXFLAGS (sanitizer, coverage),
# $LIB_FUZZING_ENGINE and $OUT come from the service. fuzz/build.sh builds
# every fuzz/fuzz_*.cc with its dictionary, options and seed corpus.
exec "$SRC/smtpreply/fuzz/build.sh"
