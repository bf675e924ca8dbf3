// smtpreply: refusing std::string temporaries where a result views its input.
#ifndef SMTPREPLY_DETAIL_NO_TEMPORARY_HPP
#define SMTPREPLY_DETAIL_NO_TEMPORARY_HPP

#include <string>
#include <type_traits>

#include "../config.hpp"  // SMTPREPLY_DIAGNOSTICS_PUSH/POP

SMTPREPLY_DIAGNOSTICS_PUSH

namespace smtpreply {
namespace detail {

// Selects a std::string temporary (T&& deduces T = std::string only for
// rvalues), so a deleted overload catches it before it converts to a view
// that dies at the end of the full expression. Every entry point whose
// result views its argument has such an overload (tests/compile_fail/).
template <class T>
using if_string_rvalue = std::enable_if_t<std::is_same<T, std::string>::value, int>;

}  // namespace detail
}  // namespace smtpreply

SMTPREPLY_DIAGNOSTICS_POP

#endif  // SMTPREPLY_DETAIL_NO_TEMPORARY_HPP
