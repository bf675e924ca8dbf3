// Every Python enum of the extension, built from the C++ enum's metadata
// table (include/smtpreply/enum_info.hpp): member names are the table's ids
// in upper case, docstrings its texts. No value list is written here.
#ifndef SMTPREPLY_PYTHON_ENUMS_HPP
#define SMTPREPLY_PYTHON_ENUMS_HPP

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <cstdint>
#include <smtpreply/code.hpp>
#include <smtpreply/enum_info.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace smtpreply_python {

namespace py = pybind11;

/// "retry_later" -> "RETRY_LATER": the one place enum ids become Python names.
inline std::string upper_name(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  return out;
}

/// A reply code from Python: the one place 000-999 is checked.
inline smtpreply::reply_code code_arg(long long value) {
  if (value < 0 || value > 999) {
    throw py::value_error("a reply code is between 0 and 999, not " + std::to_string(value));
  }
  return smtpreply::reply_code{static_cast<std::uint16_t>(value)};
}

/// The Python class `name` of the pure-Python module `module` (a dataclass
/// the extension fills in: each field is named here and in its class, once each).
inline py::object python_class(const char* module, const char* name) { return py::module_::import(module).attr(name); }

/// The members of a flag or set enum present in `has`, as a frozenset.
template <class E, std::size_t N, class Has>
py::frozenset members_of(const smtpreply::enum_info<E> (&table)[N], Has has) {
  py::set out;
  for (const auto& row : table) {
    if (has(row.value)) out.add(py::cast(row.value));
  }
  return py::frozenset(out);
}

/// str() and format() of every enum: the stable lower-case id of the C++
/// table ("retry_later"; "bare_lf|empty_line" for several flags; the number
/// for a flag value with no name), so f-strings, logging and "%s" print ids.
/// repr() keeps the Python form, and a numeric format spec ("{:d}", "{:x}")
/// of an int-based enum still formats the number.
inline void add_stable_str(const py::object& cls, bool int_based) {
  const py::object builtins = py::module_::import("builtins");
  cls.attr("__str__") = py::cpp_function(
      [](const py::object& self) -> py::str {
        const py::object name = self.attr("name");
        if (name.is_none()) return py::str(py::int_(self.attr("value")));
        std::string out = name.cast<std::string>();
        for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return py::str(out);
      },
      py::is_method(cls), py::name("__str__"));
  cls.attr("__format__") = py::cpp_function(
      [builtins, int_based](const py::object& self, const py::str& spec) -> py::object {
        const std::string s = spec;
        if (int_based && !s.empty() && std::string_view("bcdeEfFgGnoxX%").find(s.back()) != std::string_view::npos) {
          return builtins.attr("int").attr("__format__")(self, spec);
        }
        return builtins.attr("format")(py::str(self), spec);
      },
      py::is_method(cls), py::name("__format__"), py::arg("format_spec"));
}

/// A native Python enum (`base`: "enum.IntEnum", "enum.IntFlag", "enum.Enum")
/// with one member per row of `table`, after any `extra` members given first.
template <class E, std::size_t N>
void bind_enum(py::module_& m, const char* py_name, const char* base, const char* doc,
               const smtpreply::enum_info<E> (&table)[N], std::initializer_list<smtpreply::enum_info<E>> extra = {}) {
  py::native_enum<E> e(m, py_name, base, doc);
  std::vector<std::string> keep;  // names and docs stay alive until finalize()
  keep.reserve(2 * (N + extra.size()));
  auto add = [&](const smtpreply::enum_info<E>& row) {
    keep.push_back(upper_name(row.name));
    const char* name = keep.back().c_str();
    keep.emplace_back(row.text);
    e.value(name, row.value, keep.back().c_str());
  };
  for (const auto& row : extra) add(row);
  for (const auto& row : table) add(row);
  e.finalize();
  add_stable_str(m.attr(py_name), std::string_view(base) != "enum.Enum");
}

}  // namespace smtpreply_python

#endif  // SMTPREPLY_PYTHON_ENUMS_HPP
