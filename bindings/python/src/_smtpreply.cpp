// smtpreply._smtpreply: the pybind11 extension behind the `smtpreply` package.
//
// Thin on purpose: it owns the byte buffer of a stream, runs the C++ parser,
// and copies each complete reply's bytes into a `Reply` (so nothing points
// into memory that Python may free or move). Per-line objects are built only
// when `Reply.lines` is first read. Everything that reads better in Python
// (Options, ParseError, interop, CLI) lives in the pure-Python package.
//
// Threads: feed() and parse() hold the GIL (inputs are small; parsing is
// cheaper than a GIL round trip), so objects shared between threads stay
// consistent; so does parse_all() (see docs/python.md, Performance: parsing
// first without the GIL was measured and did not pay). scan() releases it
// while it parses inputs of scan_nogil_bytes or more (see there).
#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>
#include <pybind11/typing.h>

#include <smtpreply/smtpreply.hpp>

#include "column_bindings.hpp"
#include "enums.hpp"
#include "reply_object.hpp"

// Bound in their own translation units (catalog_module.cpp, session_module.cpp)
// so that the extension compiles in parts.
namespace smtpreply_python {
void bind_catalog_module(pybind11::module_& m);
void bind_classify_module(pybind11::module_& m);
void bind_session_module(pybind11::module_& m);
}  // namespace smtpreply_python

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

// ---- Argument and return types whose Python names pybind11 cannot know --------
// Each accepts any object when loading; the function checks the type itself
// and raises a TypeError that names the argument.
struct bytes_arg {
  py::object obj;
};
struct text_arg {  // bytes-like or str
  py::object obj;
};
struct options_arg {  // smtpreply.Options or None
  py::object obj;
};
struct lenient_arg {  // bool or smtpreply.Leniency
  py::object obj;
};
struct options_ret : py::object {
  explicit options_ret(py::object o) : py::object(std::move(o)) {}
};

}  // namespace

namespace pybind11 {
namespace detail {

template <typename T>
struct any_object_caster {
  bool load(handle src, bool) {
    value.obj = reinterpret_borrow<object>(src);
    return true;
  }
  T value;
  operator T*() { return &value; }
  operator T&() { return value; }
  template <typename U>
  using cast_op_type = movable_cast_op_type<U>;
};

template <>
struct type_caster<bytes_arg> : any_object_caster<bytes_arg> {
  static constexpr auto name = const_name("bytes | bytearray | memoryview");
};
template <>
struct type_caster<text_arg> : any_object_caster<text_arg> {
  static constexpr auto name = const_name("bytes | bytearray | memoryview | str");
};
template <>
struct type_caster<options_arg> : any_object_caster<options_arg> {
  static constexpr auto name = const_name("smtpreply._options.Options | None");
};
template <>
struct type_caster<lenient_arg> : any_object_caster<lenient_arg> {
  static constexpr auto name = const_name("bool | Leniency");
};
template <>
struct handle_type_name<options_ret> {
  static constexpr auto name = const_name("smtpreply._options.Options");
};

}  // namespace detail
}  // namespace pybind11

namespace {

using smtpreply::errc;

// ---- ParseError (defined in smtpreply/_errors.py) ------------------------------
py::object& parse_error_type() {
  PYBIND11_CONSTINIT static py::gil_safe_call_once_and_store<py::object> storage;
  return storage
      .call_once_and_store_result([]() { return py::module_::import("smtpreply._errors").attr("ParseError"); })
      .get_stored();
}

[[noreturn]] void raise_parse_error(std::string_view reason, std::string_view message, std::size_t offset,
                                    const py::object& replies = py::tuple()) {
  py::object& cls = parse_error_type();
  py::object exc = cls(py::str(reason.data(), reason.size()), offset, py::str(message.data(), message.size()), replies);
  PyErr_SetObject(cls.ptr(), exc.ptr());
  throw py::error_already_set();
}

[[noreturn]] void raise_parse_error(errc e, std::size_t offset, const py::object& replies = py::tuple()) {
  raise_parse_error(smtpreply::name(e), smtpreply::message(e), offset, replies);
}

// ---- Borrowed bytes of a bytes-like argument (or a str, encoded) ---------------
class byte_view {
 public:
  byte_view(const py::object& obj, const char* what, bool allow_str) {
    PyObject* o = obj.ptr();
    if (PyBytes_Check(o)) {
      data_ = std::string_view(PyBytes_AS_STRING(o), static_cast<std::size_t>(PyBytes_GET_SIZE(o)));
      return;
    }
    if (PyUnicode_Check(o)) {
      if (!allow_str) {
        throw py::type_error(std::string(what) + " must be bytes, bytearray or memoryview, not str (encode it first)");
      }
      // surrogateescape: text that came from decoding bytes this way round-trips.
      encoded_ = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(o, "utf-8", "surrogateescape"));
      if (!encoded_) throw py::error_already_set();
      data_ = std::string_view(PyBytes_AS_STRING(encoded_.ptr()),
                               static_cast<std::size_t>(PyBytes_GET_SIZE(encoded_.ptr())));
      return;
    }
    if (PyObject_CheckBuffer(o) && PyObject_GetBuffer(o, &buffer_, PyBUF_SIMPLE) == 0) {
      has_buffer_ = true;
      data_ = std::string_view(static_cast<const char*>(buffer_.buf), static_cast<std::size_t>(buffer_.len));
      return;
    }
    PyErr_Clear();  // a non-contiguous buffer: report it as the wrong type
    throw py::type_error(std::string(what) + " must be " +
                         (allow_str ? "bytes, bytearray, memoryview or str" : "bytes, bytearray or memoryview") +
                         " (C-contiguous), not " + std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
  }
  ~byte_view() {
    if (has_buffer_) PyBuffer_Release(&buffer_);
  }
  byte_view(const byte_view&) = delete;
  byte_view& operator=(const byte_view&) = delete;

  std::string_view data() const noexcept { return data_; }

 private:
  std::string_view data_;
  py::object encoded_;
  Py_buffer buffer_{};
  bool has_buffer_ = false;
};

// ---- Options ---------------------------------------------------------------
// The one validation of options: smtpreply.Options calls _check_options()
// when it is made, and parsing reads an Options through the same checks.
std::uint32_t limit_value(const py::handle& v, const char* field) {
  if (PyBool_Check(v.ptr()) || !PyLong_Check(v.ptr())) {
    throw py::type_error(std::string(field) + " must be an int, not " +
                         std::string(py::str(py::type::handle_of(v).attr("__name__"))));
  }
  int overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
  if (overflow != 0 || n < 1 || n > static_cast<long long>(std::numeric_limits<std::uint32_t>::max())) {
    throw py::value_error(std::string(field) + " must be between 1 and 4294967295, not " + std::string(py::repr(v)));
  }
  return static_cast<std::uint32_t>(n);
}

std::uint32_t leniency_bits(const py::handle& lenient) {
  if (PyBool_Check(lenient.ptr())) {
    return lenient.ptr() == Py_True ? static_cast<std::uint32_t>(smtpreply::leniency::all) : 0u;
  }
  if (!PyLong_Check(lenient.ptr())) {
    throw py::type_error("lenient must be a bool or a smtpreply.Leniency, not " +
                         std::string(py::str(py::type::handle_of(lenient).attr("__name__"))));
  }
  int overflow = 0;
  const long long n = PyLong_AsLongLongAndOverflow(lenient.ptr(), &overflow);
  if (overflow != 0 || n < 0 ||
      (static_cast<unsigned long long>(n) & ~static_cast<unsigned long long>(smtpreply::leniency::all)) != 0) {
    throw py::value_error("lenient has bits that are not a smtpreply.Leniency: " + std::string(py::repr(lenient)));
  }
  return static_cast<std::uint32_t>(n);
}

constexpr const char* limit_fields[] = {"max_line_octets", "max_auth_line_octets", "max_reply_octets",
                                        "max_reply_lines"};

smtpreply::parse_options options_from(const py::handle& lenient, const py::handle& line, const py::handle& auth_line,
                                      const py::handle& reply, const py::handle& lines) {
  smtpreply::parse_options o{};
  o.lenient = static_cast<smtpreply::leniency>(leniency_bits(lenient));
  o.limit.max_line_octets = limit_value(line, limit_fields[0]);
  o.limit.max_auth_line_octets = limit_value(auth_line, limit_fields[1]);
  o.limit.max_reply_octets = limit_value(reply, limit_fields[2]);
  o.limit.max_reply_lines = limit_value(lines, limit_fields[3]);
  return o;
}

smtpreply::parse_options to_options(const py::object& options, const py::object& lenient) {
  smtpreply::parse_options o{};
  const bool has_lenient = !lenient.is_none() && !(PyBool_Check(lenient.ptr()) && lenient.ptr() == Py_False);
  if (!options.is_none()) {
    if (has_lenient) throw py::type_error("pass either options= or lenient=, not both");
    const py::object cls = py::module_::import("smtpreply._options").attr("Options");
    if (!py::isinstance(options, cls)) {
      throw py::type_error("options must be a smtpreply.Options or None, not " +
                           std::string(py::str(py::type::handle_of(options).attr("__name__"))));
    }
    return options_from(options.attr("lenient"), options.attr(limit_fields[0]), options.attr(limit_fields[1]),
                        options.attr(limit_fields[2]), options.attr(limit_fields[3]));
  }
  if (has_lenient) o.lenient = static_cast<smtpreply::leniency>(leniency_bits(lenient));
  return o;
}

// The Options object a parser reports: the one given, or one built from it.
py::object options_object(const py::object& options, const smtpreply::parse_options& o) {
  if (!options.is_none()) return options;
  const py::object cls = py::module_::import("smtpreply._options").attr("Options");
  const py::object leniency = py::module_::import("smtpreply._smtpreply").attr("Leniency");
  return cls(py::arg("lenient") = leniency(static_cast<std::uint32_t>(o.lenient)),
             py::arg("max_line_octets") = o.limit.max_line_octets,
             py::arg("max_auth_line_octets") = o.limit.max_auth_line_octets,
             py::arg("max_reply_octets") = o.limit.max_reply_octets,
             py::arg("max_reply_lines") = o.limit.max_reply_lines);
}

using smtpreply_python::bind_enum;
using smtpreply_python::enhanced_string;
using smtpreply_python::make_reply;
using smtpreply_python::reply_handle;

// Appends a new Reply to `out`.
void append_reply(py::list& out, const smtpreply::reply& r, std::size_t offset) {
  const py::object obj = py::reinterpret_steal<py::object>(make_reply(r, offset));
  if (PyList_Append(out.ptr(), obj.ptr()) != 0) throw py::error_already_set();
}

// ---- The streaming parser --------------------------------------------------------
class py_parser {
 public:
  py_parser(const py::object& options, const py::object& lenient)
      : parser_(to_options(options, lenient)), options_(options) {}

  py::typing::List<reply_handle> feed(const byte_view& in) {
    if (error_ != errc::ok) raise_parse_error(error_, error_offset_);
    py::typing::List<reply_handle> out;
    // With nothing held, parse the caller's bytes where they are and keep
    // only the unfinished tail; otherwise append and parse the buffer. The
    // parser's state is relative to the first unconsumed byte, so keeping
    // just the tail (moved to the front of buf_) is allowed. Each byte is
    // copied at most once or twice, whatever the chunking.
    if (busy_) throw py::value_error("ReplyParser.feed() called again while it is running (from a finalizer?)");
    const busy_guard guard(busy_);
    const bool direct = buf_.empty();
    if (!direct) buf_.append(in.data().data(), in.data().size());
    const std::string_view src = direct ? in.data() : std::string_view(buf_);
    std::size_t used = 0;
    try {
      run(src, used, out);
    } catch (...) {
      if (error_ != errc::ok) {
        // The error is sticky: the bytes after it will never be parsed, so
        // none of them is kept (a 100 MB chunk is freed, not held).
        std::string().swap(buf_);
      } else {
        keep_tail(src, used, direct);  // a MemoryError must not lose bytes
      }
      throw;
    }
    keep_tail(src, used, direct);
    return out;
  }

  void finish() {
    if (error_ != errc::ok) raise_parse_error(error_, error_offset_);
    const smtpreply::finish_result f = parser_.finish(buf_);
    if (!f) {
      error_ = f.error;
      error_offset_ = base_ + f.offset;
      raise_parse_error(error_, error_offset_);
    }
    reset();
  }

  void reset() {
    parser_.reset();
    buf_.clear();
    base_ = 0;
    error_ = errc::ok;
    error_offset_ = 0;
  }

  options_ret options() {
    if (options_.is_none()) options_ = options_object(options_, parser_.options());
    return options_ret(options_);
  }
  std::size_t buffered() const { return buf_.size(); }
  std::size_t position() const { return base_; }
  bool failed() const { return error_ != errc::ok; }

 private:
  // Parses every complete reply of `src` (the batch API's streaming form),
  // advancing `used` (and base_) past each one before it is added to `out`.
  void run(std::string_view src, std::size_t& used, py::list& out) {
    const std::size_t base = base_;  // the stream offset of src[0] (used is 0 here)
    const smtpreply::batch_result r = smtpreply::for_each_reply(parser_, src, [&](const smtpreply::reply& reply) {
      const auto at = static_cast<std::size_t>(reply.raw().data() - src.data());
      used = at + reply.raw().size();
      base_ = base + used;
      append_reply(out, reply, base + at);
    });
    if (!r) {
      error_ = r.error;
      error_offset_ = base + r.offset;
      raise_parse_error(error_, error_offset_, py::tuple(out));
    }
  }

  struct busy_guard {
    explicit busy_guard(bool& flag) : flag_(flag) { flag_ = true; }
    ~busy_guard() { flag_ = false; }
    busy_guard(const busy_guard&) = delete;
    busy_guard& operator=(const busy_guard&) = delete;
    bool& flag_;
  };

  void keep_tail(std::string_view src, std::size_t used, bool direct) {
    if (direct) {
      buf_.assign(src.data() + used, src.size() - used);
    } else if (used != 0) {
      buf_.erase(0, used);
    }
  }

  smtpreply::reply_parser parser_;
  py::object options_;
  std::string buf_;        // the unfinished reply's bytes (parser state is relative to buf_[0])
  std::size_t base_ = 0;   // stream offset of buf_[0]
  errc error_ = errc::ok;  // sticky until reset()
  std::size_t error_offset_ = 0;
  bool busy_ = false;  // inside feed(): refuse re-entry
};

// The default of scan(): from this many bytes on the GIL is released while
// parsing. Measured (bench/python/bench_replies.py --gil, mixed replies):
// with no other thread waiting, a release and re-acquire costs 30-80 ns,
// 0.5-1% of a 1-4 KiB call (whose fixed cost is ~4 us) and below 0.5% from
// 16 KiB (~7.5 us); with a busy thread, any release may hand it the GIL until
// the switch interval (5 ms) takes it back. 16 KiB: a parse long enough to
// be worth sharing, at a cost lost in the noise.
constexpr std::size_t scan_nogil_bytes = 16 * 1024;

// Every reply in `data`; the input must end between replies. One pass of
// the batch API: each reply goes straight from the scan into a Reply.
py::typing::List<reply_handle> parse_all(std::string_view data, const smtpreply::parse_options& o) {
  py::typing::List<reply_handle> out;
  const smtpreply::batch_result r = smtpreply::for_each_reply(data, o, [&](const smtpreply::reply& reply) {
    append_reply(out, reply, static_cast<std::size_t>(reply.raw().data() - data.data()));
  });
  if (!r) raise_parse_error(r.error, r.offset, py::tuple(out));
  return out;
}

// ---- scan(): columns, no per-reply object ------------------------------------
// One entry per reply in each column, written by the batch API's callback
// with the GIL released when the input is large enough for the release to
// pay. The columns grow together: one capacity check per reply, then plain
// stores (std::vector's push_back checks each column and copies on growth;
// here growth is a realloc, which moves large blocks by remapping pages).
class scan_columns {
 public:
  // Column indexes; the element type of each is in `sizes`.
  enum : std::size_t { offsets, lengths, codes, lines, enhanced, flags, reasons, actions, count };

  scan_columns(std::size_t expected, bool with_classes) : with_classes_(with_classes) {
    grow(expected < 16 ? 16 : expected);
  }
  ~scan_columns() {
    for (void* p : data_) std::free(p);
  }
  scan_columns(const scan_columns&) = delete;
  scan_columns& operator=(const scan_columns&) = delete;

  bool failed() const { return failed_; }
  std::size_t size() const { return n_; }

  // Appends one reply; false (and failed()) when memory ran out. noexcept:
  // it runs inside the parser's loop, possibly without the GIL.
  bool add(const smtpreply::reply& reply, const char* base, smtpreply::command cmd) noexcept {
    if (n_ == capacity_ && !grow(capacity_ * 2)) return false;
    const std::size_t i = n_++;
    static_cast<std::uint64_t*>(data_[offsets])[i] = static_cast<std::uint64_t>(reply.raw().data() - base);
    static_cast<std::uint32_t*>(data_[lengths])[i] = static_cast<std::uint32_t>(reply.raw().size());
    static_cast<std::uint16_t*>(data_[codes])[i] = reply.code().value();
    static_cast<std::uint32_t*>(data_[lines])[i] = reply.line_count();
    const smtpreply::enhanced_code e = reply.enhanced();
    static_cast<std::uint32_t*>(data_[enhanced])[i] =
        e.empty() ? 0u : e.klass * 1000000u + e.subject * 1000u + e.detail;
    static_cast<std::uint32_t*>(data_[flags])[i] = reply.flags().bits();
    if (with_classes_) {
      const smtpreply::classification k = smtpreply::classify(reply, cmd);
      static_cast<std::uint8_t*>(data_[reasons])[i] = static_cast<std::uint8_t>(k.reason);
      static_cast<std::uint8_t*>(data_[actions])[i] = static_cast<std::uint8_t>(k.act);
    }
    return true;
  }

  /// Column `c` as bytes (reasons and actions are empty without classes). Needs the GIL.
  py::bytes column(std::size_t c) const {
    const std::size_t n = c >= reasons && !with_classes_ ? 0 : n_;
    return py::bytes(static_cast<const char*>(data_[c]), n * sizes[c]);
  }

 private:
  static constexpr std::size_t sizes[count] = {8, 4, 2, 4, 4, 4, 1, 1};

  [[gnu::noinline]] bool grow(std::size_t capacity) noexcept {
    const std::size_t used = with_classes_ ? count : std::size_t{reasons};
    for (std::size_t c = 0; c < used; ++c) {
      void* p = std::realloc(data_[c], capacity * sizes[c]);
      if (p == nullptr) {
        failed_ = true;
        return false;
      }
      data_[c] = p;
    }
    capacity_ = capacity;
    return true;
  }

  void* data_[count] = {};
  std::size_t n_ = 0;
  std::size_t capacity_ = 0;
  bool with_classes_;
  bool failed_ = false;
};

// The columns (8 bytes objects), the error's name or None, its offset, consumed.
using scan_tuple = py::typing::Tuple<py::bytes, py::bytes, py::bytes, py::bytes, py::bytes, py::bytes, py::bytes,
                                     py::bytes, py::typing::Optional<py::str>, py::int_, py::int_>;

scan_tuple scan(std::string_view data, const smtpreply::parse_options& o, bool with_classes, smtpreply::command cmd,
                std::size_t nogil_bytes) {
  // A first capacity from the size (one reply per 64 bytes; mail logs
  // average more), doubled as needed.
  scan_columns c(data.size() / 64, with_classes);
  if (c.failed()) throw std::bad_alloc();
  smtpreply::batch_result r{};
  const auto run = [&]() noexcept {
    r = smtpreply::for_each_reply(
        data, o, [&](const smtpreply::reply& reply) noexcept { return c.add(reply, data.data(), cmd); });
  };
  if (data.size() >= nogil_bytes) {
    const py::gil_scoped_release nogil;
    run();
  } else {
    run();
  }
  if (c.failed()) throw std::bad_alloc();
  const std::string_view error = r ? std::string_view() : smtpreply::name(r.error);
  return scan_tuple(py::make_tuple(
      c.column(scan_columns::offsets), c.column(scan_columns::lengths), c.column(scan_columns::codes),
      c.column(scan_columns::lines), c.column(scan_columns::enhanced), c.column(scan_columns::flags),
      c.column(scan_columns::reasons), c.column(scan_columns::actions),
      r ? py::object(py::none()) : py::object(py::str(error.data(), error.size())), r.offset, r.consumed));
}

// Exactly one reply (a lenient parse may skip empty lines around it).
reply_handle parse_one(std::string_view data, const smtpreply::parse_options& o) {
  smtpreply::reply_parser parser{o};
  const smtpreply::feed_result r = parser.feed(data);
  if (r.status == smtpreply::feed_status::error) raise_parse_error(r.error, r.offset);
  if (r.status == smtpreply::feed_status::need_more) {
    const smtpreply::finish_result f = parser.finish(data);
    raise_parse_error(f ? errc::incomplete : f.error, f ? data.size() : f.offset);
  }
  const std::string_view rest = data.substr(r.consumed);
  if (!rest.empty()) {
    smtpreply::reply_parser tail{o};
    const bool only_empty_lines =
        tail.feed(rest).status == smtpreply::feed_status::need_more && tail.finish(rest).consumed == rest.size();
    if (!only_empty_lines) {
      raise_parse_error("trailing_data", "unexpected bytes after the reply (use parse_all() for several)", r.consumed);
    }
  }
  return py::reinterpret_steal<reply_handle>(
      make_reply(r.value, static_cast<std::size_t>(r.value.raw().data() - data.data())));
}

smtpreply::enhanced_code make_enhanced(long long klass, long long subject, long long detail) {
  if (klass != 2 && klass != 4 && klass != 5) throw py::value_error("an enhanced status class is 2, 4 or 5");
  if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
    throw py::value_error("enhanced status subject and detail are between 0 and 999");
  }
  return smtpreply::enhanced_code{static_cast<std::uint16_t>(klass), static_cast<std::uint16_t>(subject),
                                  static_cast<std::uint16_t>(detail)};
}

}  // namespace

PYBIND11_MODULE(_smtpreply, m, py::mod_gil_used()) {
  m.doc() = "C++ core of smtpreply (use the `smtpreply` package, not this module).";
  m.attr("__version__") = SMTPREPLY_VERSION_STRING;

  // ---- Enums: real Python enums, from the C++ tables -----------------------------
  bind_enum(m, "ReplyClass", "enum.IntEnum",
            "What a reply code's first digit says (RFC 5321 section 4.2.1). The value is the digit.",
            smtpreply::reply_class_table);
  bind_enum(m, "ReplyCategory", "enum.IntEnum",
            "What a reply code's second digit says (RFC 5321 section 4.2.1). The value is the digit "
            "(UNKNOWN is 255).",
            smtpreply::reply_category_table);
  bind_enum(m, "EnhancedClass", "enum.IntEnum", "The class of an enhanced status code (RFC 3463 section 3.1).",
            smtpreply::enhanced_class_table);
  bind_enum(m, "EnhancedSubject", "enum.IntEnum",
            "The subject of an enhanced status code (RFC 3463 sections 3.2-3.9); UNKNOWN (65535) for 8 and above.",
            smtpreply::enhanced_subject_table);
  bind_enum(m, "TextEncoding", "enum.Enum", "What the bytes of a reply's text are.", smtpreply::text_encoding_table);
  bind_enum(m, "Flag", "enum.IntFlag",
            "What a parse noticed about a reply. The first seven are deviations that a leniency tolerated "
            "(same names and bits as Leniency); the others are facts that never make a parse fail.",
            smtpreply::flag_table);
  bind_enum(m, "Leniency", "enum.IntFlag",
            "One bit per tolerated deviation from RFC 5321; the Flag of the same name reports that it was used. "
            "ALL turns every one on.",
            smtpreply::leniency_table,
            {{smtpreply::leniency::none, "none", "strict RFC 5321", ""},
             {smtpreply::leniency::all, "all", "every leniency", ""}});

  m.def(
      "_check_options",
      [](const py::object& lenient, const py::object& line, const py::object& auth_line, const py::object& reply,
         const py::object& lines) {
        // Options' validation: the leniency bits, normalised (True is ALL).
        return options_from(lenient, line, auth_line, reply, lines).lenient;
      },
      py::arg("lenient"), py::arg("max_line_octets"), py::arg("max_auth_line_octets"), py::arg("max_reply_octets"),
      py::arg("max_reply_lines"));

  // Limits' defaults, so that smtpreply.Options takes them from the header.
  {
    const smtpreply::limits d{};
    py::typing::Dict<py::str, py::int_> defaults;
    defaults["max_line_octets"] = d.max_line_octets;
    defaults["max_auth_line_octets"] = d.max_auth_line_octets;
    defaults["max_reply_octets"] = d.max_reply_octets;
    defaults["max_reply_lines"] = d.max_reply_lines;
    defaults["rfc_max_line_octets"] = smtpreply::limits::rfc().max_line_octets;
    m.attr_with_type_hint<py::typing::Dict<py::str, py::int_>>("DEFAULT_LIMITS") = defaults;
  }
  {
    py::typing::Dict<py::str, py::str> errors;
    for (const auto& row : smtpreply::errc_table) {
      if (row.value == errc::ok) continue;
      errors[py::str(row.name.data(), row.name.size())] = py::str(row.text.data(), row.text.size());
    }
    m.attr_with_type_hint<py::typing::Dict<py::str, py::str>>("ERROR_MESSAGES") = errors;
  }

  m.def(
      "_code_facts",
      [](long long value) {
        // What smtpreply.ReplyCode says about a code, all from reply_code.
        const smtpreply::reply_code c = smtpreply_python::code_arg(value);
        return py::make_tuple(c.reply_class(), c.category(), c.is_valid(), c.is_positive(), c.is_positive_completion(),
                              c.is_positive_intermediate(), c.is_negative(), c.is_transient(), c.is_permanent(),
                              c.first_digit(), c.second_digit(), c.third_digit());
      },
      py::arg("value"));

  // ---- ReplyCode lives in smtpreply/_code.py (an int subclass); its parser is here ----
  m.def(
      "_parse_code",
      [](const std::string& text, bool allow_out_of_range) {
        const smtpreply::code_result r = smtpreply::parse_code(text, allow_out_of_range);
        if (!r) raise_parse_error(r.error, r.offset);
        return r.code.value();
      },
      py::arg("text"), py::arg("allow_out_of_range"));

  // ---- EnhancedCode ---------------------------------------------------------------
  py::class_<smtpreply::enhanced_code>(m, "EnhancedCode",
                                       "An RFC 3463 enhanced status code, class.subject.detail (e.g. 5.7.1), "
                                       "parts kept exactly. Compares and hashes like its string, so "
                                       "`enhanced == '5.7.1'` works.")
      .def(py::init([](const py::object& k, const py::object& sub, const py::object& det) {
             // Any object: a clean TypeError or ValueError naming the part, never an overload dump.
             const auto part = [](const py::object& v, const char* what) -> long long {
               if (PyBool_Check(v.ptr()) || !PyLong_Check(v.ptr())) {
                 throw py::type_error(std::string(what) + " must be an int, not " +
                                      std::string(py::str(py::type::handle_of(v).attr("__name__"))));
               }
               int overflow = 0;
               const long long n = PyLong_AsLongLongAndOverflow(v.ptr(), &overflow);
               if (overflow != 0)
                 throw py::value_error(std::string(what) + " is out of range: " + std::string(py::repr(v)));
               return n;
             };
             return make_enhanced(part(k, "status_class"), part(sub, "subject"), part(det, "detail"));
           }),
           py::arg("status_class"), py::arg("subject"), py::arg("detail"))
      .def_static(
          "parse",
          [](const std::string& text) {
            const smtpreply::enhanced_result r = smtpreply::parse_enhanced(text);
            if (!r) raise_parse_error(r.error, r.offset);
            return r.code;
          },
          py::arg("text"), "Parses 'class.subject.detail' (RFC 3463: no leading zeros). Raises ParseError.")
      .def_property_readonly("status_class", &smtpreply::enhanced_code::status_class)
      .def_property_readonly("subject", [](smtpreply::enhanced_code e) { return e.subject; })
      .def_property_readonly("detail", [](smtpreply::enhanced_code e) { return e.detail; })
      .def_property_readonly("subject_kind", &smtpreply::enhanced_code::subject_kind)
      .def_property_readonly("is_success", [](smtpreply::enhanced_code e) { return e.klass == 2; })
      .def_property_readonly("is_transient", [](smtpreply::enhanced_code e) { return e.klass == 4; })
      .def_property_readonly("is_permanent", [](smtpreply::enhanced_code e) { return e.klass == 5; })
      .def("__hash__", [](smtpreply::enhanced_code e) { return py::hash(py::str(enhanced_string(e))); })
      .def(
          "__eq__",
          [](smtpreply::enhanced_code a, const py::object& other) -> py::object {
            // Equal to an EnhancedCode with the same parts or to its string;
            // NotImplemented for anything else (Python then compares identity).
            if (py::isinstance<smtpreply::enhanced_code>(other)) {
              return py::bool_(a == other.cast<smtpreply::enhanced_code>());
            }
            if (PyUnicode_Check(other.ptr())) return py::bool_(py::str(enhanced_string(a)).equal(other));
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
          },
          py::arg("other"))
      .def(
          "__ne__",
          [](smtpreply::enhanced_code a, const py::object& other) -> py::object {
            if (py::isinstance<smtpreply::enhanced_code>(other)) {
              return py::bool_(!(a == other.cast<smtpreply::enhanced_code>()));
            }
            if (PyUnicode_Check(other.ptr())) return py::bool_(!py::str(enhanced_string(a)).equal(other));
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
          },
          py::arg("other"))
      // Ordered by (class, subject, detail) as numbers, with all four comparisons
      // (functools.total_ordering semantics); other types get NotImplemented.
      .def(
          "__lt__",
          [](smtpreply::enhanced_code a, smtpreply::enhanced_code b) {
            return std::tie(a.klass, a.subject, a.detail) < std::tie(b.klass, b.subject, b.detail);
          },
          py::arg("other"), py::is_operator())
      .def(
          "__le__",
          [](smtpreply::enhanced_code a, smtpreply::enhanced_code b) {
            return std::tie(a.klass, a.subject, a.detail) <= std::tie(b.klass, b.subject, b.detail);
          },
          py::arg("other"), py::is_operator())
      .def(
          "__gt__",
          [](smtpreply::enhanced_code a, smtpreply::enhanced_code b) {
            return std::tie(a.klass, a.subject, a.detail) > std::tie(b.klass, b.subject, b.detail);
          },
          py::arg("other"), py::is_operator())
      .def(
          "__ge__",
          [](smtpreply::enhanced_code a, smtpreply::enhanced_code b) {
            return std::tie(a.klass, a.subject, a.detail) >= std::tie(b.klass, b.subject, b.detail);
          },
          py::arg("other"), py::is_operator())
      .def("__repr__",
           [](smtpreply::enhanced_code e) {
             return "EnhancedCode(" + std::to_string(e.klass) + ", " + std::to_string(e.subject) + ", " +
                    std::to_string(e.detail) + ")";
           })
      .def("__str__", &enhanced_string)
      .def(py::pickle([](smtpreply::enhanced_code e) { return py::make_tuple(e.klass, e.subject, e.detail); },
                      [](const py::tuple& t) {
                        return make_enhanced(t[0].cast<long long>(), t[1].cast<long long>(), t[2].cast<long long>());
                      }));

  // ---- Reply (a C-API type: see reply_object.hpp) ------------------------------------
  smtpreply_python::add_reply_type(m);
  m.def("_reply_from_state", [](const py::bytes& raw, long long code, long long k, long long s, long long d,
                                std::uint32_t line_count, std::uint32_t flags, int encoding, std::size_t offset) {
    // Unpickling: accept only a state that parsing could have produced.
    const smtpreply::reply_code c = smtpreply_python::code_arg(code);
    const smtpreply::enhanced_code e = k == 0 && s == 0 && d == 0 ? smtpreply::enhanced_code{} : make_enhanced(k, s, d);
    const std::string_view bytes = raw;
    std::uint32_t n = 0;
    for (const std::string_view line : smtpreply::line_range{bytes}) {
      static_cast<void>(line);
      ++n;
    }
    if (n != line_count || encoding < 0 || encoding > 2 || (flags & ~smtpreply::all_flags_mask) != 0) {
      throw py::value_error("not the state of a Reply");
    }
    return py::reinterpret_steal<reply_handle>(
        make_reply(bytes, c.value(), e, line_count, flags, static_cast<smtpreply::text_encoding>(encoding), offset));
  });

  // ---- ReplyParser ----------------------------------------------------------------
  py::class_<py_parser>(m, "ReplyParser",
                        "A streaming parser for one connection: feed() it bytes as they arrive and get every "
                        "complete reply; a partial reply is kept for the next feed(). Errors are sticky: after "
                        "a ParseError every call raises it again until reset(). Not for concurrent use from "
                        "several threads without a lock of your own.")
      .def(py::init([](const options_arg& options, const lenient_arg& lenient) {
             return py_parser(options.obj, lenient.obj);
           }),
           py::kw_only(), py::arg("options") = py::none(), py::arg("lenient") = false)
      .def(
          "feed",
          [](py_parser& p, const bytes_arg& data) {
            const byte_view in(data.obj, "feed() argument", false);
            return p.feed(in);
          },
          py::arg("data"),
          "Appends bytes and returns the replies they complete, in order (often none, several when "
          "pipelined). Raises ParseError (with .replies: those completed before the error in this call).")
      .def("finish", &py_parser::finish,
           "Call at end of input: raises ParseError('incomplete') when it stopped inside a reply; otherwise the "
           "parser starts over for a new stream.")
      .def("reset", &py_parser::reset, "Forgets buffered bytes and any error; options are kept.")
      .def_property_readonly("options", &py_parser::options)
      .def_property_readonly("buffered", &py_parser::buffered, "Bytes of an unfinished reply held so far.")
      .def_property_readonly("position", &py_parser::position,
                             "Stream offset of the first byte not yet part of a returned reply.")
      .def_property_readonly("failed", &py_parser::failed, "True after a ParseError, until reset().")
      .def("__repr__", [](const py_parser& p) {
        return "<ReplyParser position=" + std::to_string(p.position()) + " buffered=" + std::to_string(p.buffered()) +
               (p.failed() ? " failed" : "") + ">";
      });

  // ---- Functions ---------------------------------------------------------------
  m.def(
      "parse",
      [](const text_arg& data, const options_arg& options, const lenient_arg& lenient) {
        const smtpreply::parse_options o = to_options(options.obj, lenient.obj);
        const byte_view in(data.obj, "parse() argument", true);
        return parse_one(in.data(), o);
      },
      py::arg("data"), py::kw_only(), py::arg("options") = py::none(), py::arg("lenient") = false,
      "Parses exactly one complete reply. Raises ParseError for malformed, incomplete or extra input "
      "(reason 'trailing_data'; use parse_all() for several replies).");
  m.def(
      "parse_all",
      [](const text_arg& data, const options_arg& options, const lenient_arg& lenient) {
        const smtpreply::parse_options o = to_options(options.obj, lenient.obj);
        const byte_view in(data.obj, "parse_all() argument", true);
        return parse_all(in.data(), o);
      },
      py::arg("data"), py::kw_only(), py::arg("options") = py::none(), py::arg("lenient") = false,
      "Parses every reply in data, which must end between replies. Raises ParseError (with .replies: those "
      "before the error).");

  py::list all(py::make_tuple("DEFAULT_LIMITS", "ERROR_MESSAGES", "EnhancedClass", "EnhancedCode", "EnhancedSubject",
                              "Flag", "Leniency", "Reply", "ReplyCategory", "ReplyClass", "ReplyParser", "TextEncoding",
                              "parse", "parse_all"));
  smtpreply_python::bind_catalog_module(m);
  all.append("Action");
  all.append("Command");
  all.append("Difference");
  smtpreply_python::bind_classify_module(m);  // after Reply and Command: adds Reply.message
  all.append("Reason");
  // EHLO and session checking use Command, bound with the catalog above.
  smtpreply_python::bind_session_module(m);
  m.def(
      "_scan",
      [](const text_arg& data, const options_arg& options, const lenient_arg& lenient, bool with_classes,
         smtpreply::command command, std::size_t nogil_bytes) {
        const smtpreply::parse_options o = to_options(options.obj, lenient.obj);
        const byte_view in(data.obj, "scan() argument", true);
        return scan(in.data(), o, with_classes, command, nogil_bytes);
      },
      py::arg("data"), py::arg("options"), py::arg("lenient"), py::arg("with_classes"), py::arg("command"),
      py::arg("nogil_bytes"), "The columns of smtpreply.scan() as bytes (use smtpreply.scan()).");
  m.attr("_SCAN_NOGIL_BYTES") = scan_nogil_bytes;
  smtpreply_python::bind_columns(m);  // smtpreply.frames: scan_column(), classify_column()

  for (const char* name : {"AuthMechanism", "CodeCheck", "EhloFlag", "EhloKeyword", "MtPriorityPolicy", "ParamState",
                           "ReplyRole", "StarttlsFlag", "TrackFlag"}) {
    all.append(name);
  }
  m.attr("__all__") = all;
}
