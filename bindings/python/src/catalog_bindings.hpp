// Bindings of smtpreply/catalog.hpp: explanations, advice and comparisons as
// plain dicts and ints. smtpreply/catalog.py turns them into typed values
// and smtpreply/render.py into text, Markdown or JSON.
#ifndef SMTPREPLY_PYTHON_CATALOG_BINDINGS_HPP
#define SMTPREPLY_PYTHON_CATALOG_BINDINGS_HPP

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <smtpreply/catalog.hpp>

#include "enums.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace smtpreply_python {

namespace py = pybind11;

inline py::str text(std::string_view s) { return py::str(s.data(), s.size()); }

inline py::typing::Dict<py::str, py::object> explanation_dict(const smtpreply::explanation& x) {
  py::typing::Dict<py::str, py::object> d;
  d["code"] = x.code.value();
  d["known"] = x.known;
  d["reply_class"] = x.klass;
  d["category"] = x.category;
  d["name"] = text(x.name);
  d["meaning"] = text(x.meaning);
  d["when_seen"] = text(x.when_seen);
  d["how_to_fix"] = text(x.how_to_fix);
  d["action"] = x.advice;
  d["reference"] = text(x.reference);
  d["closes_connection"] = x.closes_connection;
  d["commands"] = x.commands;
  d["class_name"] = text(x.class_name);
  d["class_meaning"] = text(x.class_meaning);
  d["category_name"] = text(x.category_name);
  d["category_meaning"] = text(x.category_meaning);
  return d;
}

inline py::typing::Dict<py::str, py::object> enhanced_explanation_dict(const smtpreply::enhanced_explanation& x) {
  py::typing::Dict<py::str, py::object> d;
  d["code"] = x.code;
  d["known"] = x.known;
  d["known_subject"] = x.known_subject;
  d["deprecated"] = x.deprecated;
  d["status_class"] = x.klass;
  d["subject"] = x.subject;
  d["class_name"] = text(x.class_name);
  d["class_description"] = text(x.class_description);
  d["subject_name"] = text(x.subject_name);
  d["subject_description"] = text(x.subject_description);
  d["name"] = text(x.name);
  d["description"] = text(x.description);
  d["reference"] = text(x.reference);
  py::list codes;
  for (const std::uint16_t c : x.basic_codes) {
    if (c == 0) break;
    codes.append(c);
  }
  d["basic_codes"] = py::tuple(codes);
  d["action"] = x.advice;
  if (x.vendor != nullptr) {
    py::dict v;
    v["vendor"] = text(x.vendor->vendor);
    v["name"] = text(x.vendor->name);
    v["description"] = text(x.vendor->description);
    v["source"] = text(x.vendor->source);
    d["vendor"] = v;
  } else {
    d["vendor"] = py::none();
  }
  return d;
}

inline smtpreply::reply_code catalog_code(int value) {
  if (value < 0 || value > 999) throw py::value_error("a reply code is between 0 and 999");
  return smtpreply::reply_code{static_cast<std::uint16_t>(value)};
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

  m.def("_explain_code", [](int code) { return explanation_dict(smtpreply::explain(catalog_code(code))); },
        py::arg("code"));
  m.def(
      "_explain_enhanced",
      [](const smtpreply::enhanced_code& e) { return enhanced_explanation_dict(smtpreply::explain(e)); },
      py::arg("code"));
  m.def(
      "_advise",
      [](int code, const py::object& enhanced, smtpreply::command command, bool treat_552_to_rcpt_as_452,
         int tls) {
        smtpreply::advice_options o{};
        o.treat_552_to_rcpt_as_452 = treat_552_to_rcpt_as_452;
        if (tls < 0 || tls > 2) throw py::value_error("tls is 0 (unknown), 1 (inactive) or 2 (active)");
        o.tls = static_cast<smtpreply::tls_state>(tls);
        const smtpreply::enhanced_code esc =
            enhanced.is_none() ? smtpreply::enhanced_code{} : enhanced.cast<smtpreply::enhanced_code>();
        return smtpreply::advise(catalog_code(code), esc, command, o);
      },
      py::arg("code"), py::arg("enhanced"), py::arg("command"), py::arg("treat_552_to_rcpt_as_452"),
      py::arg("tls"));
  m.def(
      "_advise_enhanced", [](const smtpreply::enhanced_code& e) { return smtpreply::advise(e); }, py::arg("code"));
  m.def(
      "_compare_codes",
      [](int a, int b) { return smtpreply::compare(catalog_code(a), catalog_code(b)).differences; },
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
        return smtpreply::responsibility_transferred(catalog_code(code), command);
      },
      py::arg("code"), py::arg("command"));
}

}  // namespace smtpreply_python

#endif  // SMTPREPLY_PYTHON_CATALOG_BINDINGS_HPP
