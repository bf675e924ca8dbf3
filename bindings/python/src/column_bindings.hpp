// smtpreply.frames' C++ half: one reply per row of a string column (Arrow's
// layout: a validity bitmap, offsets, data), parsed and classified by the
// core, results returned as Arrow buffers (bitmaps, fixed-width values,
// int64 offsets and data of strings). Rows are read straight from the
// column's buffers (the buffer protocol: pyarrow.Buffer, bytes, memoryview),
// so no Python object is made per row; the GIL is released while large
// columns are parsed, as scan() does. smtpreply/frames.py turns the buffers
// into a pyarrow Table or a pandas DataFrame.
//
// A row is ONE reply as logs keep it: the final CRLF optional, a multi-line
// reply possibly flattened onto one line ("550-5.1.1 a 550 5.1.1 b", as
// Postfix logs it). With `unflatten` the row's wire lines are restored as
// smtpreply.TranscriptReader restores them (the same unflatten_row()); then
// the row parses as smtpreply.parse() parses those bytes (an error per row,
// never an exception) and, when asked, is classified as smtpreply.classify()
// classifies the reply, or the row's text when it does not parse.
#ifndef SMTPREPLY_PYTHON_COLUMN_BINDINGS_HPP
#define SMTPREPLY_PYTHON_COLUMN_BINDINGS_HPP

#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <smtpreply/smtpreply.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace smtpreply_python {

namespace py = pybind11;

namespace columns {

// ---- Arrow buffers being built ------------------------------------------------------
struct bitmap {  // Arrow's LSB-first bit order
  std::vector<std::uint8_t> bytes;
  std::size_t size = 0;
  std::size_t set = 0;
  void push(bool v) {
    if ((size & 7u) == 0) bytes.push_back(0);
    if (v) {
      bytes.back() = static_cast<std::uint8_t>(bytes.back() | (1u << (size & 7u)));
      ++set;
    }
    ++size;
  }
};

struct string_column {  // Arrow large_string: int64 offsets
  std::vector<std::int64_t> offsets{0};
  std::string data;
  bitmap valid;
  void push(std::string_view s, bool ok) {
    if (ok) data.append(s.data(), s.size());
    offsets.push_back(static_cast<std::int64_t>(data.size()));
    valid.push(ok);
  }
};

struct result_columns {
  bitmap row_valid;  // the row is not null
  bitmap parsed;     // the row is one valid reply
  std::vector<std::uint16_t> code;
  std::vector<std::uint8_t> reply_class;
  std::vector<std::uint32_t> lines;
  std::vector<std::uint32_t> flags;
  string_column enhanced;
  std::vector<std::int8_t> error;  // index into error_names(); valid where a non-null row did not parse
  bitmap error_valid;
  // classify(), when asked (valid where the row is not null)
  std::vector<std::int8_t> reason;
  std::vector<std::int8_t> action;
  bitmap permanent;  // values
  std::vector<std::uint32_t> retry_after;
  bitmap retry_valid;
  string_column provider;
};

// The error dictionary: every errc name but "ok" (index: value - 1), then parse()'s own "trailing_data".
inline std::int8_t error_index(smtpreply::errc e) { return static_cast<std::int8_t>(static_cast<int>(e) - 1); }
inline std::int8_t trailing_data_index() { return static_cast<std::int8_t>(std::size(smtpreply::errc_table) - 1); }

// ---- One row -> its wire bytes -----------------------------------------------------
inline bool is_py_space(char c) {  // bytes.strip()'s whitespace
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\x0b' || c == '\x0c';
}
inline std::string_view py_strip(std::string_view s) {
  while (!s.empty() && is_py_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_py_space(s.back())) s.remove_suffix(1);
  return s;
}
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A log's one line back into a reply's wire lines (Postfix joins them with a
// space, Exim writes "\n" out): literal "\n" become line breaks; lines are
// stripped and empty ones dropped; a one-line "550-a 550-b 550 c" is split
// before each " 550-" and at the first " 550 "; every line ends in CRLF.
inline void unflatten_row(std::string_view row, std::string& out) {
  std::string unescaped;
  if (row.find("\\n") != std::string_view::npos) {
    unescaped.reserve(row.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] == '\\' && i + 1 < row.size() && row[i + 1] == 'n') {
        unescaped.push_back('\n');
        ++i;
      } else {
        unescaped.push_back(row[i]);
      }
    }
    row = unescaped;
  }
  const std::string_view text = py_strip(row);
  if (text.find('\n') != std::string_view::npos) {
    std::size_t at = 0;
    while (at <= text.size()) {
      std::size_t end = text.find('\n', at);
      if (end == std::string_view::npos) end = text.size();
      const std::string_view line = py_strip(text.substr(at, end - at));
      if (!line.empty()) {
        out.append(line.data(), line.size());
        out.append("\r\n");
      }
      at = end + 1;
    }
    return;
  }
  if (text.size() < 4 || text[3] != '-') {
    out.append(text.data(), text.size());
    out.append("\r\n");
    return;
  }
  const std::string_view code = text.substr(0, 3);
  std::string_view rest = text;
  for (;;) {
    // The next " CODE-" or " CODE " at or after rest[4].
    std::size_t cut = std::string_view::npos;
    for (std::size_t i = 4; i + 5 <= rest.size(); ++i) {
      if (rest[i] == ' ' && rest.compare(i + 1, 3, code) == 0 && (rest[i + 4] == '-' || rest[i + 4] == ' ')) {
        cut = i;
        break;
      }
    }
    if (cut == std::string_view::npos) {
      out.append(rest.data(), rest.size());
      out.append("\r\n");
      return;
    }
    const bool last = rest[cut + 4] == ' ';
    out.append(rest.data(), cut);
    out.append("\r\n");
    rest = rest.substr(cut + 1);
    if (last) {
      out.append(rest.data(), rest.size());
      out.append("\r\n");
      return;
    }
  }
}

// The bytes to parse: the row with CRLF added unless it ends in LF, or unflattened.
inline std::string_view wire_bytes(std::string_view row, bool unflatten, std::string& scratch) {
  scratch.clear();
  if (unflatten) {
    unflatten_row(row, scratch);
    return scratch;
  }
  if (!row.empty() && row.back() == '\n') return row;
  scratch.append(row.data(), row.size());
  scratch.append(!row.empty() && row.back() == '\r' ? "\n" : "\r\n");
  return scratch;
}

struct row_outcome {
  bool ok = false;
  std::int8_t error = 0;
  std::uint16_t code = 0;
  std::uint32_t lines = 0;
  std::uint32_t flags = 0;
  smtpreply::enhanced_code enhanced{};
  smtpreply::classification classes{};
};

// One row as smtpreply.parse() would parse its wire bytes (exactly one reply).
inline row_outcome parse_row(std::string_view wire, const smtpreply::parse_options& o, bool with_classes,
                             smtpreply::command cmd) {
  row_outcome out;
  std::size_t seen = 0;
  const smtpreply::batch_result r = smtpreply::for_each_reply(wire, o, [&](const smtpreply::reply& reply) {
    if (++seen > 1) return false;
    out.code = reply.code().value();
    out.lines = reply.line_count();
    out.flags = reply.flags().bits();
    out.enhanced = reply.enhanced();
    if (with_classes) out.classes = smtpreply::classify(reply, cmd);
    return true;
  });
  if (seen == 0) {  // an error at the first reply, or no reply at all (a lenient parse of empty lines)
    out.error = error_index(r ? smtpreply::errc::incomplete : r.error);
  } else if (seen > 1 || !r) {
    out.error = trailing_data_index();
  } else {
    out.ok = true;
  }
  return out;
}

struct column_input {
  const char* data = nullptr;
  std::size_t data_size = 0;
  const std::uint8_t* offsets = nullptr;
  std::size_t offsets_size = 0;
  bool wide = false;  // int64 offsets (large_string / large_binary)
  const std::uint8_t* validity = nullptr;
  std::size_t validity_size = 0;
  std::size_t offset = 0;  // the array's offset (a slice)
  std::size_t length = 0;
  const std::uint8_t* commands = nullptr;  // a command per row (smtpreply::command values), or none

  std::int64_t offset_at(std::size_t i) const {
    if (wide) {
      std::int64_t v;
      std::memcpy(&v, offsets + i * 8, 8);
      return v;
    }
    std::int32_t v;
    std::memcpy(&v, offsets + i * 4, 4);
    return v;
  }
  bool is_valid(std::size_t i) const {
    if (validity == nullptr) return true;
    const std::size_t bit = offset + i;
    return ((validity[bit >> 3] >> (bit & 7u)) & 1u) != 0;
  }
};

inline void run(const column_input& in, const smtpreply::parse_options& o, bool with_classes, smtpreply::command cmd,
                bool unflatten, result_columns& c) {  // cmd by value: a column of commands changes it per row
  std::string scratch;
  const std::size_t n = in.length;
  c.code.reserve(n);
  c.reply_class.reserve(n);
  c.lines.reserve(n);
  c.flags.reserve(n);
  c.error.reserve(n);
  if (with_classes) {
    c.reason.reserve(n);
    c.action.reserve(n);
    c.retry_after.reserve(n);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const bool valid = in.is_valid(i);
    c.row_valid.push(valid);
    row_outcome r;
    std::string_view row;
    if (valid) {
      const std::int64_t begin = in.offset_at(in.offset + i);
      const std::int64_t end = in.offset_at(in.offset + i + 1);
      row = std::string_view(in.data + begin, static_cast<std::size_t>(end - begin));
      if (in.commands != nullptr) cmd = static_cast<smtpreply::command>(in.commands[i]);
      r = parse_row(wire_bytes(row, unflatten, scratch), o, with_classes, cmd);
    }
    c.parsed.push(r.ok);
    c.code.push_back(r.code);
    c.reply_class.push_back(static_cast<std::uint8_t>(r.code / 100));
    c.lines.push_back(r.lines);
    c.flags.push_back(r.flags);
    char esc[16];
    const bool has_esc = r.ok && !r.enhanced.empty();
    c.enhanced.push(std::string_view(esc, has_esc ? r.enhanced.format(esc) : 0), has_esc);
    c.error.push_back(r.error);
    c.error_valid.push(valid && !r.ok);
    if (with_classes) {
      if (valid && !r.ok) r.classes = smtpreply::classify(row, cmd);
      c.reason.push_back(static_cast<std::int8_t>(r.classes.reason));
      c.action.push_back(static_cast<std::int8_t>(r.classes.act));
      c.permanent.push(valid && r.classes.permanent);
      c.retry_after.push_back(r.classes.retry_after);
      c.retry_valid.push(valid && r.classes.retry_after != 0);
      c.provider.push(r.classes.provider, valid && !r.classes.provider.empty());
    }
  }
}

// ---- Python side -------------------------------------------------------------------
class buffer_view {  // a borrowed C-contiguous buffer (or None)
 public:
  buffer_view(const py::object& obj, const char* what) {
    if (obj.is_none()) return;
    if (PyObject_GetBuffer(obj.ptr(), &buffer_, PyBUF_SIMPLE) != 0) {
      PyErr_Clear();
      throw py::type_error(std::string(what) + " must be a C-contiguous buffer or None");
    }
    held_ = true;
  }
  ~buffer_view() {
    if (held_) PyBuffer_Release(&buffer_);
  }
  buffer_view(const buffer_view&) = delete;
  buffer_view& operator=(const buffer_view&) = delete;
  const std::uint8_t* data() const { return held_ ? static_cast<const std::uint8_t*>(buffer_.buf) : nullptr; }
  std::size_t size() const { return held_ ? static_cast<std::size_t>(buffer_.len) : 0; }

 private:
  Py_buffer buffer_{};
  bool held_ = false;
};

template <class T>
py::bytes to_bytes(const std::vector<T>& v) {
  return py::bytes(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}
inline py::tuple bits(const bitmap& b) {  // (bitmap, null count)
  return py::make_tuple(to_bytes(b.bytes), b.size - b.set);
}
inline py::tuple strings(const string_column& s) {  // (bitmap, null count, offsets, data)
  return py::make_tuple(to_bytes(s.valid.bytes), s.valid.size - s.valid.set, to_bytes(s.offsets),
                        py::bytes(s.data.data(), s.data.size()));
}

using names = py::typing::Tuple<py::str, py::ellipsis>;

template <class Table>
names names_of(const Table& table) {
  py::list out;
  for (const auto& row : table) out.append(py::str(row.name.data(), row.name.size()));
  return names(py::tuple(out));
}

inline py::typing::Dict<py::str, py::object> scan_column(const py::object& data, const py::object& offsets,
                                                         const py::object& validity, std::size_t offset,
                                                         std::size_t length, bool wide, std::uint32_t lenient,
                                                         std::uint32_t max_line, std::uint32_t max_auth,
                                                         std::uint32_t max_reply, std::uint32_t max_lines,
                                                         std::uint8_t command, const py::object& commands,
                                                         bool with_classes, bool unflatten, std::size_t nogil_bytes) {
  const buffer_view d(data, "data");
  const buffer_view off(offsets, "offsets");
  const buffer_view val(validity, "validity");
  const buffer_view cmds(commands, "commands");
  column_input in;
  in.data = reinterpret_cast<const char*>(d.data());
  in.data_size = d.size();
  in.offsets = off.data();
  in.offsets_size = off.size();
  in.wide = wide;
  in.validity = val.data();
  in.validity_size = val.size();
  in.offset = offset;
  in.length = length;
  // Check the layout once, so that the loop reads no byte outside the buffers.
  const std::size_t width = wide ? 8 : 4;
  if (length != 0 && (in.offsets == nullptr || (offset + length + 1) * width > in.offsets_size)) {
    throw py::value_error("offsets buffer too short for the column");
  }
  if (in.validity != nullptr && (offset + length + 7) / 8 > in.validity_size) {
    throw py::value_error("validity bitmap too short for the column");
  }
  for (std::size_t i = 0; i < length; ++i) {
    const std::int64_t b = in.offset_at(offset + i);
    const std::int64_t e = in.offset_at(offset + i + 1);
    if (b < 0 || e < b || static_cast<std::uint64_t>(e) > in.data_size) {
      throw py::value_error("offsets out of order or beyond the data buffer at row " + std::to_string(i));
    }
  }
  if (command >= smtpreply::command_count) throw py::value_error("not a smtpreply.Command value");
  if (cmds.data() != nullptr) {
    if (cmds.size() < length) throw py::value_error("fewer commands than rows");
    for (std::size_t i = 0; i < length; ++i) {
      if (cmds.data()[i] >= smtpreply::command_count) throw py::value_error("not a smtpreply.Command value");
    }
    in.commands = cmds.data();
  }

  smtpreply::parse_options o{};
  o.lenient = static_cast<smtpreply::leniency>(lenient);
  o.limit.max_line_octets = max_line;
  o.limit.max_auth_line_octets = max_auth;
  o.limit.max_reply_octets = max_reply;
  o.limit.max_reply_lines = max_lines;
  const auto cmd = static_cast<smtpreply::command>(command);

  result_columns c;
  if (in.data_size >= nogil_bytes) {
    const py::gil_scoped_release nogil;
    run(in, o, with_classes, cmd, unflatten, c);
  } else {
    run(in, o, with_classes, cmd, unflatten, c);
  }

  py::typing::Dict<py::str, py::object> out;
  out["rows"] = py::int_(length);
  out["row_valid"] = bits(c.row_valid);
  out["parsed"] = bits(c.parsed);
  out["code"] = to_bytes(c.code);
  out["class"] = to_bytes(c.reply_class);
  out["lines"] = to_bytes(c.lines);
  out["flags"] = to_bytes(c.flags);
  out["enhanced"] = strings(c.enhanced);
  out["error"] = py::make_tuple(to_bytes(c.error), bits(c.error_valid));
  if (with_classes) {
    out["reason"] = to_bytes(c.reason);
    out["action"] = to_bytes(c.action);
    out["permanent"] = to_bytes(c.permanent.bytes);
    out["retry_after"] = py::make_tuple(to_bytes(c.retry_after), bits(c.retry_valid));
    out["provider"] = strings(c.provider);
  }
  return out;
}

}  // namespace columns

// Registers _scan_column(), _column_dictionaries() (what frames.py labels its
// columns with) and _unflatten() (what TranscriptReader restores log lines with).
inline void bind_columns(py::module_& m) {
  m.def(
      "_unflatten",
      [](const py::bytes& text) {
        std::string out;
        columns::unflatten_row(std::string_view(text), out);
        return py::bytes(out);
      },
      py::arg("text"), "A reply's wire lines (CRLF after each) from the one line a log gives it.");
  m.def("_scan_column", &columns::scan_column, py::arg("data"), py::arg("offsets"), py::arg("validity"),
        py::arg("offset"), py::arg("length"), py::arg("wide"), py::arg("lenient"), py::arg("max_line_octets"),
        py::arg("max_auth_line_octets"), py::arg("max_reply_octets"), py::arg("max_reply_lines"), py::arg("command"),
        py::arg("commands"), py::arg("with_classes"), py::arg("unflatten"), py::arg("nogil_bytes"),
        "One reply per row of an Arrow string column, as Arrow buffers (use smtpreply.scan_column()).");
  m.def(
      "_column_dictionaries",
      []() {
        py::list errors;
        for (const auto& row : smtpreply::errc_table) {
          if (row.value != smtpreply::errc::ok) errors.append(py::str(row.name.data(), row.name.size()));
        }
        errors.append(py::str("trailing_data"));
        return py::typing::Tuple<columns::names, columns::names, columns::names>(py::make_tuple(
            py::tuple(errors), columns::names_of(smtpreply::reason_table), columns::names_of(smtpreply::action_table)));
      },
      "The categories of the error, reason and action columns (index: the value in the column).");
}

}  // namespace smtpreply_python

#endif  // SMTPREPLY_PYTHON_COLUMN_BINDINGS_HPP
