// The EHLO and session bindings in a translation unit of their own (see
// catalog_module.cpp).
#include "session_bindings.hpp"

namespace smtpreply_python {
void bind_session_module(py::module_& m) { bind_session(m); }
}  // namespace smtpreply_python
