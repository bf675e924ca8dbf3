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

#include <smtpreply/command.hpp>
#include <smtpreply/ehlo.hpp>
#include <smtpreply/starttls.hpp>
#include <smtpreply/session.hpp>

#include <cstddef>
#include <cstdint>
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

inline py::tuple number_tuple(smtpreply::ehlo_number n) {
  return py::make_tuple(n.state, n.has_value() ? py::object(py::int_(n.value)) : py::object(py::none()));
}

inline py::tuple capability_tuple(const smtpreply::ehlo_capability& c) {
  py::list params;
  for (const std::string_view p : c.params) params.append(decode_text(p));
  return py::make_tuple(decode_text(c.keyword), c.id, c.valid_keyword, py::tuple(params));
}

using ehlo_dict = py::typing::Dict<py::str, py::object>;

// Everything an ehlo_view says, or None for a reply that is not a 250.
inline py::typing::Optional<ehlo_dict> ehlo_data(const reply_handle& h) {
  const smtpreply::reply rep = reply_of(h);
  const smtpreply::ehlo_result res = smtpreply::parse_ehlo(rep);
  if (!res) return py::typing::Optional<ehlo_dict>(py::none());
  const smtpreply::ehlo_view& v = res.value;
  py::typing::Dict<py::str, py::object> d;
  d["domain"] = decode_text(v.domain());
  d["greeting"] = decode_text(v.greeting());
  d["flags"] = v.flags().bits();
  d["keywords"] = v.keywords().bits();
  d["capability_lines"] = v.capability_lines();
  py::list caps;
  for (const smtpreply::ehlo_capability& c : v.capabilities()) caps.append(capability_tuple(c));
  d["capabilities"] = py::tuple(caps);
  py::list mechs;
  for (const smtpreply::auth_mechanism_token m : v.auth_mechanisms()) {
    mechs.append(py::make_tuple(decode_text(m.name), m.id));
  }
  d["auth_mechanisms"] = py::tuple(mechs);
  d["auth"] = v.auth().bits();
  d["size"] = number_tuple(v.size());
  d["deliverby"] = number_tuple(v.deliverby());
  const smtpreply::mt_priority_info mt = v.mt_priority();
  d["mt_priority"] = py::make_tuple(mt.state, mt.policy,
                                    mt.state == smtpreply::param_state::absent || mt.policy_name.empty()
                                        ? py::object(py::none())
                                        : py::object(decode_text(mt.policy_name)));
  const smtpreply::futurerelease_info fr = v.futurerelease();
  const bool fr_value = fr.state == smtpreply::param_state::value;
  d["futurerelease"] =
      py::make_tuple(fr.state, fr_value ? py::object(py::int_(fr.max_interval)) : py::object(py::none()),
                     fr_value ? py::object(decode_text(fr.max_date_time)) : py::object(py::none()));
  const smtpreply::limits_info l = v.limits();
  d["limits"] = py::make_tuple(l.state, number_tuple(l.rcptmax), number_tuple(l.mailmax),
                               number_tuple(l.rcptdomainmax));
  return py::typing::Optional<ehlo_dict>(std::move(d));
}

// diff_starttls() with names: each list is one of the C++ change ranges.
inline py::typing::Dict<py::str, py::object> starttls_diff_data(const reply_handle& before_h,
                                                                const reply_handle& after_h) {
  const smtpreply::reply before_r = reply_of(before_h);
  const smtpreply::reply after_r = reply_of(after_h);
  const smtpreply::ehlo_result before = smtpreply::parse_ehlo(before_r);
  const smtpreply::ehlo_result after = smtpreply::parse_ehlo(after_r);
  if (!before || !after) throw py::value_error("both replies must be 250 EHLO replies");
  using change = smtpreply::capability_change;
  const auto keywords = [&](change which) {
    py::list out;
    for (const auto& c : smtpreply::changed_capabilities(before.value, after.value, which)) {
      out.append(decode_text(c.keyword));
    }
    return py::tuple(out);
  };
  const auto mechanisms = [&](change which) {
    py::list out;
    for (const auto m : smtpreply::changed_mechanisms(before.value, after.value, which)) out.append(decode_text(m.name));
    return py::tuple(out);
  };
  py::typing::Dict<py::str, py::object> d;
  d["vanished"] = keywords(change::vanished);
  d["appeared"] = keywords(change::appeared);
  d["changed"] = keywords(change::changed);
  d["auth_vanished"] = mechanisms(change::vanished);
  d["auth_appeared"] = mechanisms(change::appeared);
  d["flags"] = smtpreply::diff_starttls(before.value, after.value).flags;
  return d;
}

inline smtpreply::reply_code session_code(long long value) {
  if (value < 0 || value > 999) throw py::value_error("a reply code is between 0 and 999");
  return smtpreply::reply_code{static_cast<std::uint16_t>(value)};
}

using track_tuple = py::typing::Tuple<smtpreply::command, smtpreply::code_check, py::int_,
                                      py::typing::Optional<py::int_>>;

// The tracker, with results as tuples (answered, check, flags, sequence or None).
class py_tracker {
 public:
  bool push(smtpreply::command c) { return tracker_.push(c); }
  track_tuple on_reply(long long code) {
    const smtpreply::track_result r = tracker_.on_reply(session_code(code));
    return track_tuple(py::make_tuple(r.answered, r.check, r.flags,
                                      r.unmatched() ? py::object(py::none()) : py::object(py::int_(r.sequence))));
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

  m.def("_ehlo", &ehlo_data, py::arg("reply"));
  m.def("_diff_starttls", &starttls_diff_data, py::arg("before"), py::arg("after"));
  m.def(
      "_check_reply",
      [](smtpreply::command c, long long code) { return smtpreply::check_reply(c, session_code(code)); },
      py::arg("command"), py::arg("code"));
  m.def(
      "_command_from_line",
      [](const py::bytes& line) { return smtpreply::command_from_line(std::string_view(line)); },
      py::arg("line"));
  m.def("_expected_replies", []() {
    // Every (command, code) pair of command_reply_table, command by command,
    // any-command rows included.
    using row = py::typing::Tuple<smtpreply::command, py::int_, smtpreply::reply_role, bool, py::str>;
    py::typing::List<row> rows;
    for (const auto& c : smtpreply::command_table) {
      for (const smtpreply::expected_reply r : smtpreply::expected_for(c.value, true)) {
        rows.append(py::make_tuple(r.cmd, r.code, r.role, r.any_command, py::str(r.source.data(), r.source.size())));
      }
    }
    return rows;
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
