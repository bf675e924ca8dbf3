// Bindings of smtpreply/catalog.hpp: explanations, advice and comparisons as
// plain dicts and ints. smtpreply/catalog.py turns them into typed values
// and smtpreply/render.py into text, Markdown or JSON.
#ifndef SMTPREPLY_PYTHON_CATALOG_BINDINGS_HPP
#define SMTPREPLY_PYTHON_CATALOG_BINDINGS_HPP

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <cstdint>
#include <smtpreply/catalog.hpp>
#include <string>
#include <string_view>

#include "enums.hpp"
#include "reply_object.hpp"

namespace smtpreply_python {

namespace py = pybind11;

inline py::str text(std::string_view s) { return py::str(s.data(), s.size()); }

// The commands of a command_bit() mask, as a tuple of Command members.
inline py::tuple commands_tuple(std::uint32_t mask) {
  py::list out;
  for (const auto& row : smtpreply::command_table) {
    if ((mask & smtpreply::command_bit(row.value)) != 0) out.append(py::cast(row.value));
  }
  return py::tuple(out);
}

// smtpreply.Explanation, filled in here.
inline py::object explanation_object(const smtpreply::explanation& x) {
  return python_class("smtpreply.catalog", "Explanation")(
      py::arg("code") = code_ref(x.code.value()), py::arg("known") = x.known, py::arg("name") = text(x.name),
      py::arg("meaning") = text(x.meaning), py::arg("when_seen") = text(x.when_seen),
      py::arg("how_to_fix") = text(x.how_to_fix), py::arg("action") = x.advice,
      py::arg("reference") = text(x.reference), py::arg("closes_connection") = x.closes_connection,
      py::arg("commands") = commands_tuple(x.commands), py::arg("reply_class") = x.klass,
      py::arg("class_name") = text(x.class_name), py::arg("class_meaning") = text(x.class_meaning),
      py::arg("category") = x.category, py::arg("category_name") = text(x.category_name),
      py::arg("category_meaning") = text(x.category_meaning));
}

// smtpreply.EnhancedExplanation, filled in here.
inline py::object enhanced_explanation_object(const smtpreply::enhanced_explanation& x) {
  py::list codes;
  for (const std::uint16_t c : x.basic_codes) {
    if (c == 0) break;
    codes.append(code_ref(c));
  }
  py::object vendor = py::none();
  if (x.vendor != nullptr) {
    vendor = python_class("smtpreply.catalog", "VendorNote")(
        py::arg("vendor") = text(x.vendor->vendor), py::arg("name") = text(x.vendor->name),
        py::arg("description") = text(x.vendor->description), py::arg("source") = text(x.vendor->source));
  }
  return python_class("smtpreply.catalog", "EnhancedExplanation")(
      py::arg("code") = x.code, py::arg("known") = x.known, py::arg("known_subject") = x.known_subject,
      py::arg("deprecated") = x.deprecated, py::arg("name") = text(x.name),
      py::arg("description") = text(x.description), py::arg("reference") = text(x.reference),
      py::arg("basic_codes") = py::tuple(codes), py::arg("action") = x.advice, py::arg("status_class") = x.klass,
      py::arg("class_name") = text(x.class_name), py::arg("class_description") = text(x.class_description),
      py::arg("subject") = x.subject, py::arg("subject_name") = text(x.subject_name),
      py::arg("subject_description") = text(x.subject_description), py::arg("vendor") = vendor);
}

inline void bind_catalog(py::module_& m) {
  bind_enum(m, "Action", "enum.IntEnum", "What a client should do next about a reply (stable numbers).",
            smtpreply::action_table);
  bind_enum(m, "Command", "enum.IntEnum",
            "The SMTP command a reply answers (GREETING: the connection opening; END_OF_DATA: the final '.' "
            "after DATA).",
            smtpreply::command_table);
  bind_enum(m, "Difference", "enum.IntFlag", "How two codes differ.", smtpreply::difference_table);
  m.def("_is_retry", [](smtpreply::action a) { return smtpreply::is_retry(a); }, py::arg("action"));

  m.def(
      "_explain_code", [](int code) { return explanation_object(smtpreply::explain(code_arg(code))); },
      py::arg("code"));
  m.def(
      "_explain_enhanced",
      [](const smtpreply::enhanced_code& e) { return enhanced_explanation_object(smtpreply::explain(e)); },
      py::arg("code"));
  m.def(
      "_advise",
      [](int code, const py::object& enhanced, smtpreply::command command, bool treat_552_to_rcpt_as_452, int tls) {
        smtpreply::advice_options o{};
        o.treat_552_to_rcpt_as_452 = treat_552_to_rcpt_as_452;
        if (tls < 0 || tls > 2) throw py::value_error("tls is 0 (unknown), 1 (inactive) or 2 (active)");
        o.tls = static_cast<smtpreply::tls_state>(tls);
        const smtpreply::enhanced_code esc =
            enhanced.is_none() ? smtpreply::enhanced_code{} : enhanced.cast<smtpreply::enhanced_code>();
        return smtpreply::advise(code_arg(code), esc, command, o);
      },
      py::arg("code"), py::arg("enhanced"), py::arg("command"), py::arg("treat_552_to_rcpt_as_452"), py::arg("tls"));
  m.def("_advise_enhanced", [](const smtpreply::enhanced_code& e) { return smtpreply::advise(e); }, py::arg("code"));
  m.def(
      "_compare_codes", [](int a, int b) { return smtpreply::compare(code_arg(a), code_arg(b)).differences; },
      py::arg("a"), py::arg("b"));
  m.def(
      "_compare_enhanced",
      [](const smtpreply::enhanced_code& a, const smtpreply::enhanced_code& b) {
        return smtpreply::compare(a, b).differences;
      },
      py::arg("a"), py::arg("b"));
  m.def(
      "_responsibility_transferred",
      [](int code, smtpreply::command command) {
        return smtpreply::responsibility_transferred(code_arg(code), command);
      },
      py::arg("code"), py::arg("command"));
}

}  // namespace smtpreply_python

#endif  // SMTPREPLY_PYTHON_CATALOG_BINDINGS_HPP
