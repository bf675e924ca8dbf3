// Bindings of smtpreply/classify.hpp and reason.hpp: the Reason enum (built
// from reason_table), classification of Reply objects and reply text,
// Diagnostic-Code fields, find_enhanced() and Reply.message. Thin: the logic
// is in the C++ headers; smtpreply/classify.py turns the dicts into typed
// values.
#ifndef SMTPREPLY_PYTHON_CLASSIFY_BINDINGS_HPP
#define SMTPREPLY_PYTHON_CLASSIFY_BINDINGS_HPP

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <cstdint>
#include <smtpreply/classify.hpp>
#include <smtpreply/reason.hpp>
#include <string>
#include <string_view>

#include "enums.hpp"
#include "reply_object.hpp"

namespace smtpreply_python {

namespace py = pybind11;

inline py::str classify_text(std::string_view s) { return py::str(s.data(), s.size()); }

inline py::typing::Dict<py::str, py::object> classification_dict(const smtpreply::classification& c) {
  py::typing::Dict<py::str, py::object> d;
  d["reason"] = c.reason;
  d["action"] = c.act;
  d["permanent"] = c.permanent;
  d["rule_kind"] = classify_text(smtpreply::name(c.rule.kind));
  d["rule_id"] = classify_text(c.rule.id);
  d["rule_matched"] = classify_text(c.rule.matched);
  d["rule_source"] = classify_text(c.rule.source);
  d["provider"] = c.provider.empty() ? py::object(py::none()) : py::object(classify_text(c.provider));
  d["retry_after"] = c.retry_after == 0 ? py::object(py::none()) : py::object(py::int_(c.retry_after));
  d["code"] = c.code.value();
  d["enhanced"] = c.enhanced.empty() ? py::object(py::none()) : py::cast(c.enhanced);
  return d;
}

// Bytes of a bytes/str argument (str as UTF-8 with surrogateescape).
inline std::string classify_bytes(const py::object& o, const char* what) {
  if (PyBytes_Check(o.ptr()))
    return std::string(PyBytes_AS_STRING(o.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(o.ptr())));
  if (PyUnicode_Check(o.ptr())) {
    py::object b = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(o.ptr(), "utf-8", "surrogateescape"));
    if (!b) throw py::error_already_set();
    return std::string(PyBytes_AS_STRING(b.ptr()), static_cast<std::size_t>(PyBytes_GET_SIZE(b.ptr())));
  }
  if (PyByteArray_Check(o.ptr()))
    return std::string(PyByteArray_AS_STRING(o.ptr()), static_cast<std::size_t>(PyByteArray_GET_SIZE(o.ptr())));
  if (PyMemoryView_Check(o.ptr())) return o.attr("tobytes")().cast<std::string>();
  throw py::type_error(std::string(what) + " must be a Reply, bytes or str, not " +
                       std::string(py::str(py::type::handle_of(o).attr("__name__"))));
}

inline std::string reply_message(std::string_view raw) {
  std::string out;
  const smtpreply::parse_result p = smtpreply::parse_reply(raw, smtpreply::parse_options::lenient_all());
  if (p) {
    smtpreply::message_pieces(p.value, [&out](std::string_view piece) { out.append(piece.data(), piece.size()); });
  } else {
    smtpreply::message_pieces(raw, [&out](std::string_view piece) { out.append(piece.data(), piece.size()); });
  }
  return out;
}

// Reply.message: a getter added to the Reply type (a C-API heap type).
inline PyObject* get_message(PyObject* self, void*) {
  return guarded([&]() -> PyObject* {
    const std::string m = reply_message(raw_of(as_reply(self)));
    return decode_text(m).release().ptr();
  });
}

inline PyGetSetDef message_getset = {
    "message", get_message, nullptr,
    "message(self) -> str\n\nThe human text: every line's text joined with one space, the enhanced code stated "
    "once (dropped from the lines that repeat it).",
    nullptr};

// The reply a Python Reply object holds, re-parsed from its bytes (a Reply
// only ever holds bytes the parser accepted).
inline smtpreply::classification classify_reply_object(PyObject* o, smtpreply::command cmd) {
  const reply_object* r = as_reply(o);
  const std::string_view raw = raw_of(r);
  const smtpreply::parse_result p = smtpreply::parse_reply(raw, smtpreply::parse_options::lenient_all());
  if (p) return smtpreply::classify(p.value, cmd);
  return smtpreply::classify(raw, cmd);
}

inline void bind_classify(py::module_& m) {
  {
    bind_enum(m, "Reason", "enum.IntEnum",
              "Why a reply failed: one stable id per cause (str() and name.lower() give the id, e.g. "
              "'mailbox_full'). Built from the C++ reason_table.",
              smtpreply::reason_table);
  }

  // The rows of reason_table, for documentation and the CLI.
  py::list reasons;
  for (const smtpreply::reason_info& row : smtpreply::reason_table) {
    reasons.append(
        py::make_tuple(row.value, classify_text(row.name), classify_text(row.text), classify_text(row.source)));
  }
  m.attr_with_type_hint<py::typing::Tuple<py::typing::Tuple<py::int_, py::str, py::str, py::str>, py::ellipsis>>(
      "_reason_table") = py::tuple(reasons);

  m.def(
      "_classify_reply",
      [](const py::object& reply, smtpreply::command command) {
        if (reply_type == nullptr || Py_TYPE(reply.ptr()) != reply_type) throw py::type_error("expected a Reply");
        return classification_dict(classify_reply_object(reply.ptr(), command));
      },
      py::arg("reply"), py::arg("command"));
  m.def(
      "_classify_text",
      [](const py::object& text, smtpreply::command command) {
        const std::string bytes = classify_bytes(text, "classify() argument");
        return classification_dict(smtpreply::classify(std::string_view(bytes), command));
      },
      py::arg("text"), py::arg("command"));
  m.def(
      "_diagnostic_code",
      [](const py::object& field) {
        const std::string bytes = classify_bytes(field, "from_diagnostic_code() argument");
        const smtpreply::diagnostic d = smtpreply::from_diagnostic_code(bytes);
        // The reply lines, rebuilt with CRLF, so that Python can parse() them.
        std::string lines;
        const std::uint16_t code = d.code.value();
        if (code != 0) {
          const std::string_view t = d.text;
          std::size_t at = 0;
          while (at < t.size()) {
            const std::size_t end = smtpreply::detail::next_flattened_line(t, at + 3, code);
            const std::string_view line = smtpreply::detail::trim(t.substr(at, end - at));
            lines.append(line.data(), line.size());
            lines += "\r\n";
            at = end;
          }
        }
        py::typing::Dict<py::str, py::object> out;
        out["type"] = py::bytes(std::string(d.type));
        out["text"] = py::bytes(std::string(d.text));
        out["lines"] = py::bytes(lines);
        out["code"] = code;
        return out;
      },
      py::arg("field"));
  m.def(
      "_find_enhanced",
      [](const py::object& text) -> py::object {
        const std::string bytes = classify_bytes(text, "find_enhanced() argument");
        // Accepts "5.1.1 text", "#5.1.0 text", "550 5.1.1 text" and a DSN's "Status: 5.0.0 (comment)".
        std::string_view t = smtpreply::detail::trim(bytes);
        constexpr std::string_view status = "status:";
        if (t.size() >= status.size()) {
          bool same = true;
          for (std::size_t i = 0; i < status.size(); ++i) same = same && smtpreply::detail::fold(t[i]) == status[i];
          if (same) t = smtpreply::detail::trim(t.substr(status.size()));
        }
        if (smtpreply::detail::leading_code(t) != 0) t = smtpreply::detail::trim(t.substr(3));
        if (!t.empty() && t[0] == '-') t = smtpreply::detail::trim(t.substr(1));
        const smtpreply::enhanced_in_text e = smtpreply::find_enhanced(t);
        if (e.presence == smtpreply::enhanced_presence::valid ||
            e.presence == smtpreply::enhanced_presence::hash_prefixed) {
          return py::make_tuple(py::cast(e.code), py::bytes(std::string(e.rest)),
                                e.presence == smtpreply::enhanced_presence::hash_prefixed);
        }
        return py::none();
      },
      py::arg("text"));
  m.def("_message", [](const py::bytes& raw) { return reply_message(std::string_view(raw)); }, py::arg("raw"));

  if (reply_type != nullptr) {
    PyObject* descr = PyDescr_NewGetSet(reply_type, &message_getset);
    if (descr == nullptr) throw py::error_already_set();
    const int rc = PyObject_SetAttrString(reinterpret_cast<PyObject*>(reply_type), "message", descr);
    Py_DECREF(descr);
    if (rc != 0) throw py::error_already_set();
  }
}

}  // namespace smtpreply_python

#endif  // SMTPREPLY_PYTHON_CLASSIFY_BINDINGS_HPP
