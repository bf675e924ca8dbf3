// Bindings of smtpreply/ehlo.hpp and smtpreply/session.hpp: the EHLO view as
// plain tuples and dicts, the command/code table, and the pipeline tracker.
// smtpreply/ehlo.py and smtpreply/session.py build the typed values.
//
// The EHLO view points into a Reply's bytes, which the Reply owns: each
// function reads what it needs and copies it out before returning, so no
// view outlives the call.
#ifndef SMTPREPLY_PYTHON_SESSION_BINDINGS_HPP
#define SMTPREPLY_PYTHON_SESSION_BINDINGS_HPP

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <cstddef>
#include <cstdint>
#include <smtpreply/command.hpp>
#include <smtpreply/ehlo.hpp>
#include <smtpreply/session.hpp>
#include <smtpreply/starttls.hpp>
#include <string>
#include <string_view>

#include "enums.hpp"
#include "reply_object.hpp"

namespace smtpreply_python {

namespace py = pybind11;

// The C++ reply a Reply object holds (its view points into the object).
inline smtpreply::reply reply_of(const reply_handle& h) {
  const reply_object* r = as_reply(h.ptr());
  const auto encoding = static_cast<smtpreply::text_encoding>(r->encoding);
  return smtpreply::reply{raw_of(r), code_of(r), esc_of(r), r->line_count, smtpreply::flag_set{r->flags}, encoding};
}

// Keywords and mechanisms compare without regard to ASCII case: the Python
// view shows them upper-cased (the bytes as sent stay in `sent_as`).
inline py::str upper_text(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = smtpreply::detail::ascii_upper(c);
  return decode_text(out);
}

inline py::object number_object(const py::object& cls, smtpreply::ehlo_number n) {
  return cls(n.state, n.has_value() ? py::object(py::int_(n.value)) : py::object(py::none()));
}

// The smtpreply.Ehlo for a 250 reply, or None.
inline py::object ehlo_object(const reply_handle& h) {
  const smtpreply::reply rep = reply_of(h);
  const smtpreply::ehlo_result res = smtpreply::parse_ehlo(rep);
  if (!res) return py::none();
  const smtpreply::ehlo_view& v = res.value;
  const char* mod = "smtpreply.capabilities";
  const py::object capability = python_class(mod, "Capability");
  const py::object number = python_class(mod, "NumberParam");
  py::list caps;
  for (const smtpreply::ehlo_capability& c : v.capabilities()) {
    py::list params;
    for (const std::string_view p : c.params) params.append(decode_text(p));
    caps.append(capability(py::arg("keyword") = upper_text(c.keyword), py::arg("params") = py::tuple(params),
                           py::arg("kind") = c.id, py::arg("sent_as") = decode_text(c.keyword),
                           py::arg("valid_keyword") = c.valid_keyword));
  }
  py::list mechanisms;
  py::list unknown;
  for (const smtpreply::auth_mechanism_token m : v.auth_mechanisms()) {
    mechanisms.append(upper_text(m.name));
    if (m.id == smtpreply::auth_mechanism::none) unknown.append(upper_text(m.name));
  }
  const smtpreply::ehlo_number size = v.size();
  const smtpreply::mt_priority_info mt = v.mt_priority();
  const smtpreply::futurerelease_info fr = v.futurerelease();
  const bool fr_value = fr.state == smtpreply::param_state::value;
  const smtpreply::limits_info l = v.limits();
  return python_class(mod, "Ehlo")(
      py::arg("domain") = decode_text(v.domain()), py::arg("greeting") = decode_text(v.greeting()),
      py::arg("capabilities") = py::tuple(caps), py::arg("auth_mechanisms") = py::tuple(mechanisms),
      py::arg("auth") =
          members_of(smtpreply::auth_mechanism_table, [&](smtpreply::auth_mechanism m) { return v.auth().has(m); }),
      py::arg("unknown_auth_mechanisms") = py::tuple(unknown),
      py::arg("keywords") =
          members_of(smtpreply::ehlo_keyword_table, [&](smtpreply::ehlo_keyword k) { return v.has(k); }),
      py::arg("size") = number_object(python_class(mod, "Size"), size),
      py::arg("deliverby") = number_object(number, v.deliverby()),
      py::arg("mt_priority") =
          python_class(mod, "MtPriority")(mt.state, mt.policy,
                                          mt.state == smtpreply::param_state::absent || mt.policy_name.empty()
                                              ? py::object(py::none())
                                              : py::object(decode_text(mt.policy_name))),
      py::arg("futurerelease") = python_class(mod, "FutureRelease")(
          fr.state, fr_value ? py::object(py::int_(fr.max_interval)) : py::object(py::none()),
          fr_value ? py::object(decode_text(fr.max_date_time)) : py::object(py::none())),
      py::arg("limits") =
          python_class(mod, "Limits")(l.state, number_object(number, l.rcptmax), number_object(number, l.mailmax),
                                      number_object(number, l.rcptdomainmax)),
      py::arg("flags") = py::cast(static_cast<smtpreply::ehlo_flag>(v.flags().bits())),
      py::arg("capability_lines") = v.capability_lines(), py::arg("reply") = h);
}

// The smtpreply.StarttlsDiff: each list is one of the C++ change ranges.
inline py::object starttls_diff_object(const reply_handle& before_h, const reply_handle& after_h) {
  const smtpreply::reply before_r = reply_of(before_h);
  const smtpreply::reply after_r = reply_of(after_h);
  const smtpreply::ehlo_result before = smtpreply::parse_ehlo(before_r);
  const smtpreply::ehlo_result after = smtpreply::parse_ehlo(after_r);
  if (!before || !after) throw py::value_error("both replies must be 250 EHLO replies");
  using change = smtpreply::capability_change;
  const auto keywords = [&](change which) {
    py::list out;
    for (const auto& c : smtpreply::changed_capabilities(before.value, after.value, which)) {
      out.append(upper_text(c.keyword));
    }
    return py::tuple(out);
  };
  const auto mechanisms = [&](change which) {
    py::list out;
    for (const auto m : smtpreply::changed_mechanisms(before.value, after.value, which)) out.append(upper_text(m.name));
    return py::tuple(out);
  };
  const smtpreply::starttls_diff d = smtpreply::diff_starttls(before.value, after.value);
  return python_class("smtpreply.capabilities", "StarttlsDiff")(
      py::arg("vanished") = keywords(change::vanished), py::arg("appeared") = keywords(change::appeared),
      py::arg("changed") = keywords(change::changed), py::arg("auth_vanished") = mechanisms(change::vanished),
      py::arg("auth_appeared") = mechanisms(change::appeared),
      py::arg("flags") = py::cast(static_cast<smtpreply::starttls_flag>(d.flags)));
}

// The tracker, with results as smtpreply.TrackResult.
class py_tracker {
 public:
  bool push(smtpreply::command c) { return tracker_.push(c); }
  py::object on_reply(long long value) {
    const smtpreply::reply_code code = code_arg(value);
    const smtpreply::track_result r = tracker_.on_reply(code);
    return python_class("smtpreply.session", "TrackResult")(
        py::arg("answered") = r.answered, py::arg("check") = r.check,
        py::arg("flags") = py::cast(static_cast<smtpreply::track_flag>(r.flags)),
        py::arg("sequence") = r.unmatched() ? py::object(py::none()) : py::object(py::int_(r.sequence)),
        py::arg("code") = code_ref(code.value()));
  }
  const smtpreply::pipeline_tracker& get() const { return tracker_; }
  void reset() { tracker_.reset(); }

 private:
  smtpreply::pipeline_tracker tracker_;
};

/// Needs the Command enum (bound with the catalog) to be registered first.
inline void bind_session(py::module_& m) {
  bind_enum(m, "EhloKeyword", "enum.IntEnum",
            "The EHLO keywords smtpreply types (UNKNOWN: any other keyword, kept as sent).",
            smtpreply::ehlo_keyword_table);
  bind_enum(m, "AuthMechanism", "enum.IntEnum", "SASL mechanisms known by name (NONE: any other name).",
            smtpreply::auth_mechanism_table);
  bind_enum(m, "ParamState", "enum.Enum", "What a typed EHLO parameter looked like.", smtpreply::param_state_table);
  bind_enum(m, "MtPriorityPolicy", "enum.Enum", "RFC 6710 priority assignment policies.",
            smtpreply::mt_priority_policy_table);
  bind_enum(m, "EhloFlag", "enum.IntFlag", "What reading an EHLO reply noticed. None makes it fail.",
            smtpreply::ehlo_flag_table);
  bind_enum(m, "StarttlsFlag", "enum.IntFlag", "What changed between the EHLO replies before and after STARTTLS.",
            smtpreply::starttls_flag_table);
  bind_enum(m, "ReplyRole", "enum.Enum", "The column of RFC 5321 section 4.3.2 a code sits in.",
            smtpreply::reply_role_table);
  bind_enum(m, "CodeCheck", "enum.Enum", "How a code fits the command it answers.", smtpreply::code_check_table);
  bind_enum(m, "TrackFlag", "enum.IntFlag", "What the pipeline tracker noticed about one reply.",
            smtpreply::track_flag_table);
  m.def(
      "_keyword_source", [](smtpreply::ehlo_keyword k) { return std::string(smtpreply::source(k)); },
      py::arg("keyword"));

  m.def("_ehlo", &ehlo_object, py::arg("reply"));
  m.def(
      "_ascii_upper",
      [](const std::string& text) {
        std::string out(text);
        for (char& c : out) c = smtpreply::detail::ascii_upper(c);
        return out;
      },
      py::arg("text"));
  m.def("_diff_starttls", &starttls_diff_object, py::arg("before"), py::arg("after"));
  m.def(
      "_check_reply", [](smtpreply::command c, long long code) { return smtpreply::check_reply(c, code_arg(code)); },
      py::arg("command"), py::arg("code"));
  m.def(
      "_command_from_line", [](const py::bytes& line) { return smtpreply::command_from_line(std::string_view(line)); },
      py::arg("line"));
  m.def("_expected_replies", []() {
    // Every (command, code) pair of command_reply_table as smtpreply.ExpectedReply,
    // command by command, any-command rows included.
    const py::object row = python_class("smtpreply.session", "ExpectedReply");
    py::list rows;
    for (const auto& c : smtpreply::command_table) {
      for (const smtpreply::expected_reply r : smtpreply::expected_for(c.value, true)) {
        rows.append(row(py::arg("command") = r.cmd, py::arg("code") = code_ref(r.code), py::arg("role") = r.role,
                        py::arg("any_command") = r.any_command,
                        py::arg("source") = py::str(r.source.data(), r.source.size())));
      }
    }
    return py::object(py::tuple(rows));
  });

  py::class_<py_tracker>(m, "_PipelineTracker")
      .def(py::init<>())
      .def("push", &py_tracker::push, py::arg("command"))
      .def("on_reply", &py_tracker::on_reply, py::arg("code"))
      .def("reset", &py_tracker::reset)
      .def_property_readonly("front", [](const py_tracker& t) { return t.get().front(); })
      .def_property_readonly("pending", [](const py_tracker& t) { return t.get().pending(); })
      .def_property_readonly("capacity", [](const py_tracker& t) { return t.get().capacity(); })
      .def_property_readonly("pushed", [](const py_tracker& t) { return t.get().pushed(); })
      .def_property_readonly("replies", [](const py_tracker& t) { return t.get().replies(); })
      .def_property_readonly("matched", [](const py_tracker& t) { return t.get().matched(); })
      .def_property_readonly("unmatched", [](const py_tracker& t) { return t.get().unmatched(); })
      .def_property_readonly("overflowed", [](const py_tracker& t) { return t.get().overflowed(); });
}

}  // namespace smtpreply_python

#endif  // SMTPREPLY_PYTHON_SESSION_BINDINGS_HPP
