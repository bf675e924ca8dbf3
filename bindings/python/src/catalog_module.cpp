// The catalog and classification bindings in a translation unit of their own: the extension
// compiles in three parts (about 450 MB and 11 s each with g++ -O2) instead of
// one (600 MB, 26 s at -O3), and in parallel.
#include "catalog_bindings.hpp"
#include "classify_bindings.hpp"

namespace smtpreply_python {
void bind_catalog_module(py::module_& m) { bind_catalog(m); }
void bind_classify_module(py::module_& m) { bind_classify(m); }
}  // namespace smtpreply_python
