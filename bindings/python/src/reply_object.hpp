// smtpreply._smtpreply.Reply: a CPython type written against the C API.
//
// Why not a pybind11 class: a parser creates one per reply, and pybind11's
// instance bookkeeping (a holder allocation plus a registry insert and
// erase) costs more than parsing a short reply. Here a reply is one
// allocation with its bytes inline. `code` and `line_count`, the fields
// that bulk code reads for every reply, are object members (PyMemberDef,
// T_OBJECT_EX) holding an interned ReplyCode and a (mostly cached small)
// int: CPython 3.11+ specialises reading them to one load (LOAD_ATTR_SLOT),
// where a getset getter goes through the generic attribute lookup and a
// call. Everything else is a getset getter that builds its object when
// asked. Per-line objects are built only when `lines` is first read, then
// cached.
//
// Each getset docstring starts with its signature, "name(self) -> type", as
// pybind11 writes them; tools/generate_stubs.py reads it to write the stub.
#ifndef SMTPREPLY_PYTHON_REPLY_OBJECT_HPP
#define SMTPREPLY_PYTHON_REPLY_OBJECT_HPP

#include <pybind11/pybind11.h>
#include <structmember.h>  // PyMemberDef, T_OBJECT_EX, READONLY

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <new>
#include <smtpreply/smtpreply.hpp>
#include <string>
#include <string_view>

#include "enums.hpp"

namespace smtpreply_python {

namespace py = pybind11;

struct reply_object {
  PyObject_VAR_HEAD            // ob_size: the number of raw bytes
      PyObject* code_value;    // the interned smtpreply.ReplyCode of `code` (member "code")
  PyObject* line_count_value;  // int(line_count) (member "line_count")
  PyObject* lines;             // tuple[str, ...] once built, else nullptr
  std::size_t offset;          // where it started in the stream (not part of the value)
  std::uint32_t line_count;
  std::uint32_t flags;
  std::uint16_t code;
  std::uint16_t esc[3];  // enhanced code; class 0 = none
  std::uint8_t encoding;
  char raw[1];  // the reply's bytes (ob_size of them), then a NUL
};

inline PyTypeObject* reply_type = nullptr;

inline const reply_object* as_reply(PyObject* o) { return reinterpret_cast<const reply_object*>(o); }
inline std::string_view raw_of(const reply_object* r) {
  return std::string_view(r->raw, static_cast<std::size_t>(Py_SIZE(r)));
}
inline smtpreply::enhanced_code esc_of(const reply_object* r) {
  return smtpreply::enhanced_code{r->esc[0], r->esc[1], r->esc[2]};
}
inline smtpreply::reply_code code_of(const reply_object* r) { return smtpreply::reply_code{r->code}; }

// Runs f(), turning C++ exceptions into a Python error and nullptr: nothing
// may unwind through the interpreter's C frames.
template <typename F>
PyObject* guarded(F&& f) noexcept {
  try {
    return f();
  } catch (py::error_already_set& e) {
    e.restore();
  } catch (py::builtin_exception& e) {
    e.set_error();
  } catch (const std::bad_alloc&) {
    PyErr_NoMemory();
  } catch (const std::exception& e) {
    PyErr_SetString(PyExc_RuntimeError, e.what());
  }
  return nullptr;
}

inline PyObject* code_object(std::uint16_t value);

/// A new Reply (a new reference). Throws py::error_already_set on failure.
inline PyObject* make_reply(std::string_view raw, std::uint16_t code, smtpreply::enhanced_code esc,
                            std::uint32_t line_count, std::uint32_t flags, smtpreply::text_encoding encoding,
                            std::size_t offset) {
  // PyObject_NewVar allocates basicsize + n * itemsize without zeroing.
  reply_object* r = PyObject_NewVar(reply_object, reply_type, static_cast<Py_ssize_t>(raw.size()));
  if (r == nullptr) throw py::error_already_set();
  r->code_value = nullptr;  // before anything that may fail: the dealloc reads them
  r->line_count_value = nullptr;
  r->lines = nullptr;
  r->offset = offset;
  r->line_count = line_count;
  r->flags = flags;
  r->code = code;
  r->esc[0] = esc.klass;
  r->esc[1] = esc.subject;
  r->esc[2] = esc.detail;
  r->encoding = static_cast<std::uint8_t>(encoding);
  if (!raw.empty()) std::memcpy(r->raw, raw.data(), raw.size());
  r->raw[raw.size()] = '\0';
  PyObject* self = reinterpret_cast<PyObject*>(r);
  try {
    r->code_value = code_object(code);
  } catch (...) {
    Py_DECREF(self);
    throw;
  }
  r->line_count_value = PyLong_FromUnsignedLong(line_count);  // 0-256: a cached int, no allocation
  if (r->line_count_value == nullptr) {
    Py_DECREF(self);
    throw py::error_already_set();
  }
  return self;
}

inline PyObject* make_reply(const smtpreply::reply& r, std::size_t offset) {
  return make_reply(r.raw(), r.code().value(), r.enhanced(), r.line_count(), r.flags().bits(), r.encoding(), offset);
}

inline py::str decode_text(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogateescape");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

inline PyObject* reply_lines(PyObject* self) {  // borrowed
  reply_object* r = reinterpret_cast<reply_object*>(self);
  if (r->lines == nullptr) {
    py::tuple t(r->line_count);
    std::size_t i = 0;
    for (const std::string_view text : smtpreply::line_range{raw_of(r)}) {
      if (i == r->line_count) break;  // cannot happen for a parsed reply; keeps t in bounds
      t[i++] = decode_text(text);
    }
    r->lines = t.release().ptr();
  }
  return r->lines;
}

inline std::string enhanced_string(smtpreply::enhanced_code e) {
  char buf[16];
  return std::string(buf, e.format(buf));
}

inline std::string flag_names(std::uint32_t bits) {
  std::string out;
  for (const smtpreply::flag f : smtpreply::all_flags) {
    if ((bits & static_cast<std::uint32_t>(f)) == 0) continue;
    if (!out.empty()) out += '|';
    out += upper_name(smtpreply::name(f));
  }
  return out;
}

// ---- Cached Python objects that getters return --------------------------------
inline PyObject* code_object(std::uint16_t value);

/// The interned smtpreply.ReplyCode for `value`, as an object.
inline py::object code_ref(std::uint16_t value) { return py::reinterpret_steal<py::object>(code_object(value)); }

// ReplyCode (smtpreply/_code.py, an int subclass) is interned: one object per
// value, made on first use, so a Reply's `code` allocates nothing.
inline PyObject* code_table[1000] = {};

[[gnu::noinline, gnu::cold]] inline PyObject* new_code_object(std::uint16_t value) {
  if (value > 999) throw py::value_error("reply code out of range");
  const py::object cls = py::module_::import("smtpreply._code").attr("ReplyCode");
  code_table[value] = cls(value).release().ptr();  // kept for the life of the process
  Py_INCREF(code_table[value]);
  return code_table[value];
}

inline PyObject* code_object(std::uint16_t value) {
  PyObject* code = value < 1000 ? code_table[value] : nullptr;
  if (code == nullptr) return new_code_object(value);
  Py_INCREF(code);
  return code;
}

// Enum members by value, looked up once (values are small, known sets).
template <typename E, std::size_t N>
PyObject* enum_object(E value) {
  static PyObject* table[N] = {};
  const auto i = static_cast<std::size_t>(value);
  if (i >= N) return py::cast(value).release().ptr();
  if (table[i] == nullptr) table[i] = py::cast(value).release().ptr();
  Py_INCREF(table[i]);
  return table[i];
}

inline PyObject* flag_object(std::uint32_t bits) {
  static PyObject* cache = nullptr;  // dict: bits -> Flag
  if (cache == nullptr) cache = py::dict().release().ptr();
  const py::int_ key(bits);
  PyObject* hit = PyDict_GetItemWithError(cache, key.ptr());
  if (hit != nullptr) {
    Py_INCREF(hit);
    return hit;
  }
  if (PyErr_Occurred()) throw py::error_already_set();
  py::object flag = py::cast(static_cast<smtpreply::flag>(bits));
  if (PyDict_SetItem(cache, key.ptr(), flag.ptr()) != 0) throw py::error_already_set();
  return flag.release().ptr();
}

// ---- Getters ----------------------------------------------------------------------------
inline PyObject* get_raw(PyObject* self, void*) {
  const reply_object* r = as_reply(self);
  return PyBytes_FromStringAndSize(r->raw, Py_SIZE(r));
}
inline PyObject* get_enhanced(PyObject* self, void*) {
  return guarded([&]() -> PyObject* {
    const smtpreply::enhanced_code e = esc_of(as_reply(self));
    if (e.empty()) Py_RETURN_NONE;
    return py::cast(e).release().ptr();
  });
}
inline PyObject* get_lines(PyObject* self, void*) {
  return guarded([&] {
    PyObject* t = reply_lines(self);
    Py_INCREF(t);
    return t;
  });
}
inline PyObject* get_line_bytes(PyObject* self, void*) {
  return guarded([&] {
    const reply_object* r = as_reply(self);
    py::tuple t(r->line_count);
    std::size_t i = 0;
    for (const std::string_view text : smtpreply::line_range{raw_of(r)}) {
      if (i == r->line_count) break;
      t[i++] = py::bytes(text.data(), text.size());
    }
    return t.release().ptr();
  });
}
inline PyObject* get_text(PyObject* self, void*) {
  return guarded([&] {
    const py::str newline("\n");
    PyObject* s = PyUnicode_Join(newline.ptr(), reply_lines(self));
    if (s == nullptr) throw py::error_already_set();
    return s;
  });
}
inline PyObject* get_is_multiline(PyObject* self, void*) { return PyBool_FromLong(as_reply(self)->line_count > 1); }
inline PyObject* get_flags(PyObject* self, void*) {
  return guarded([&] { return flag_object(as_reply(self)->flags); });
}
inline PyObject* get_encoding(PyObject* self, void*) {
  return guarded([&] {
    return enum_object<smtpreply::text_encoding, 3>(static_cast<smtpreply::text_encoding>(as_reply(self)->encoding));
  });
}
inline PyObject* get_offset(PyObject* self, void*) { return PyLong_FromSize_t(as_reply(self)->offset); }
inline PyObject* get_reply_class(PyObject* self, void*) {
  return guarded([&] { return enum_object<smtpreply::reply_class, 6>(code_of(as_reply(self)).reply_class()); });
}
inline PyObject* get_category(PyObject* self, void*) {
  return guarded([&] { return enum_object<smtpreply::reply_category, 256>(code_of(as_reply(self)).category()); });
}
inline PyObject* get_is_positive(PyObject* self, void*) {
  return PyBool_FromLong(code_of(as_reply(self)).is_positive());
}
inline PyObject* get_is_positive_completion(PyObject* self, void*) {
  return PyBool_FromLong(code_of(as_reply(self)).is_positive_completion());
}
inline PyObject* get_is_positive_intermediate(PyObject* self, void*) {
  return PyBool_FromLong(code_of(as_reply(self)).is_positive_intermediate());
}
inline PyObject* get_is_negative(PyObject* self, void*) {
  return PyBool_FromLong(code_of(as_reply(self)).is_negative());
}
inline PyObject* get_is_transient(PyObject* self, void*) {
  return PyBool_FromLong(code_of(as_reply(self)).is_transient());
}
inline PyObject* get_is_permanent(PyObject* self, void*) {
  return PyBool_FromLong(code_of(as_reply(self)).is_permanent());
}

// The two members: read-only, never NULL in a Reply that Python can see.
#define SMTPREPLY_MEMBER(name, field, type, doc) \
  {#name, T_OBJECT_EX, offsetof(reply_object, field), READONLY, #name "(self) -> " type "\n\n" doc}

inline PyMemberDef reply_members[] = {
    SMTPREPLY_MEMBER(code, code_value, "smtpreply._code.ReplyCode",
                     "The reply code, an int (with mixed codes allowed: the last line's)."),
    SMTPREPLY_MEMBER(line_count, line_count_value, "int",
                     "Lines with a code (empty lines a lenient parse skipped do not count)."),
    {nullptr, 0, 0, 0, nullptr},
};

#undef SMTPREPLY_MEMBER

#define SMTPREPLY_GETTER(name, type, doc) {#name, get_##name, nullptr, #name "(self) -> " type "\n\n" doc, nullptr}

inline PyGetSetDef reply_getset[] = {
    SMTPREPLY_GETTER(raw, "bytes", "Every byte of the reply: codes, separators and line ends."),
    SMTPREPLY_GETTER(enhanced, "EnhancedCode | None",
                     "The first line's RFC 3463 enhanced status code when well-formed and of the code's class; "
                     "None otherwise (the flags say why)."),
    SMTPREPLY_GETTER(lines, "tuple[str, ...]",
                     "Each line's text after the code and separator, without CR/LF, decoded as UTF-8 with "
                     "'surrogateescape' (lossless: .encode('utf-8', 'surrogateescape') gives the bytes back)."),
    SMTPREPLY_GETTER(line_bytes, "tuple[bytes, ...]", "Each line's text as bytes, exactly as received."),
    SMTPREPLY_GETTER(text, "str", "The lines joined with '\\n' (as smtplib joins them)."),
    SMTPREPLY_GETTER(is_multiline, "bool", "More than one line."),
    SMTPREPLY_GETTER(flags, "Flag", "What the parse noticed or tolerated (possibly empty)."),
    SMTPREPLY_GETTER(encoding, "TextEncoding", "ASCII, UTF8 or OTHER_8BIT (the last only from a lenient parse)."),
    SMTPREPLY_GETTER(offset, "int",
                     "Where the reply starts in the input or stream. Not part of the value: equal replies may "
                     "have different offsets."),
    SMTPREPLY_GETTER(reply_class, "ReplyClass", "What the code's first digit says."),
    SMTPREPLY_GETTER(category, "ReplyCategory", "What the code's second digit says."),
    SMTPREPLY_GETTER(is_positive, "bool", "2yz or 3yz."),
    SMTPREPLY_GETTER(is_positive_completion, "bool", "2yz: the action was completed."),
    SMTPREPLY_GETTER(is_positive_intermediate, "bool", "3yz: send more (DATA, AUTH)."),
    SMTPREPLY_GETTER(is_negative, "bool", "4yz or 5yz."),
    SMTPREPLY_GETTER(is_transient, "bool", "4yz: the same request may succeed later."),
    SMTPREPLY_GETTER(is_permanent, "bool", "5yz: do not repeat the same request unchanged."),
    {nullptr, nullptr, nullptr, nullptr, nullptr},
};

#undef SMTPREPLY_GETTER

// ---- Slots --------------------------------------------------------------------------------
inline void reply_dealloc(PyObject* self) {
  reply_object* r = reinterpret_cast<reply_object*>(self);
  Py_XDECREF(r->code_value);
  Py_XDECREF(r->line_count_value);
  Py_XDECREF(r->lines);
  PyTypeObject* type = Py_TYPE(self);
  type->tp_free(self);
  Py_DECREF(type);  // instances of heap types own a reference to their type
}

inline PyObject* reply_new(PyTypeObject*, PyObject*, PyObject*) {
  PyErr_SetString(PyExc_TypeError, "Reply objects come from smtpreply.parse(), parse_all() and ReplyParser.feed()");
  return nullptr;
}

inline bool same_value(const reply_object* a, const reply_object* b) {
  return a->code == b->code && a->flags == b->flags && a->line_count == b->line_count && a->encoding == b->encoding &&
         a->esc[0] == b->esc[0] && a->esc[1] == b->esc[1] && a->esc[2] == b->esc[2] && raw_of(a) == raw_of(b);
}

inline PyObject* reply_richcompare(PyObject* a, PyObject* b, int op) {
  if ((op != Py_EQ && op != Py_NE) || Py_TYPE(b) != reply_type) Py_RETURN_NOTIMPLEMENTED;
  const bool equal = same_value(as_reply(a), as_reply(b));
  return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

inline Py_hash_t reply_hash(PyObject* self) {
  // FNV-1a over the value's fields and bytes (the offset is not part of it).
  const reply_object* r = as_reply(self);
  std::uint64_t h = 1469598103934665603ull;
  const auto mix = [&h](std::uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  mix(r->code);
  mix(r->flags);
  mix(r->line_count);
  mix(r->encoding);
  for (const std::uint16_t part : r->esc) mix(part);
  for (const char c : raw_of(r)) mix(static_cast<unsigned char>(c));
  auto result = static_cast<Py_hash_t>(h);
  return result == -1 ? -2 : result;
}

inline PyObject* reply_repr(PyObject* self) {
  return guarded([&] {
    const reply_object* r = as_reply(self);
    const py::tuple lines = py::reinterpret_borrow<py::tuple>(reply_lines(self));
    const smtpreply::reply_code code = code_of(r);
    std::string out = "<Reply ";
    out += static_cast<char>('0' + code.first_digit());
    out += static_cast<char>('0' + code.second_digit());
    out += static_cast<char>('0' + code.third_digit());
    out += ' ';
    out += std::string(py::repr(lines.empty() ? py::str("") : py::str(lines[0])));
    if (r->line_count > 1) out += " +" + std::to_string(r->line_count - 1) + " lines";
    if (r->flags != 0) out += " flags=" + flag_names(r->flags);
    out += '>';
    return py::str(out).release().ptr();
  });
}

inline PyObject* reply_str(PyObject* self) {
  // The reply as the server wrote it: one line per line, without line ends.
  return guarded([&] {
    std::string out;
    std::string_view rest = raw_of(as_reply(self));
    while (!rest.empty()) {
      const std::size_t lf = rest.find('\n');
      std::string_view line = rest.substr(0, lf);
      rest.remove_prefix(lf == std::string_view::npos ? rest.size() : lf + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty()) continue;
      if (!out.empty()) out += '\n';
      out.append(line.data(), line.size());
    }
    return decode_text(out).release().ptr();
  });
}

/// The state that __reduce__ saves and _reply_from_state() checks.
inline PyObject* reply_reduce(PyObject* self, PyObject*) {
  return guarded([&] {
    const reply_object* r = as_reply(self);
    const py::object rebuild = py::module_::import("smtpreply._smtpreply").attr("_reply_from_state");
    const py::tuple state = py::make_tuple(py::bytes(r->raw, static_cast<std::size_t>(Py_SIZE(r))), r->code, r->esc[0],
                                           r->esc[1], r->esc[2], r->line_count, r->flags, r->encoding, r->offset);
    return py::make_tuple(rebuild, state).release().ptr();
  });
}

/// The JSON form of `smtpreply parse --json` (and of smtpreply-cat): plain
/// values in a fixed key order. Text is str, decoded with surrogateescape.
inline PyObject* reply_to_dict(PyObject* self, PyObject*) {
  return guarded([&] {
    const reply_object* r = as_reply(self);
    py::dict d;
    d["offset"] = py::int_(r->offset);
    d["length"] = py::int_(static_cast<std::size_t>(Py_SIZE(r)));
    d["code"] = py::int_(r->code);
    d["lines"] = py::list(py::reinterpret_borrow<py::tuple>(reply_lines(self)));
    const smtpreply::enhanced_code e = esc_of(r);
    if (e.empty()) {
      d["enhanced"] = py::none();
    } else {
      char buf[16];
      const std::size_t n = e.format(buf);
      d["enhanced"] = py::str(buf, n);
    }
    py::list flags;
    for (const smtpreply::flag f : smtpreply::all_flags) {
      if ((r->flags & static_cast<std::uint32_t>(f)) == 0) continue;
      const std::string_view name = smtpreply::name(f);
      flags.append(py::str(name.data(), name.size()));
    }
    d["flags"] = flags;
    return d.release().ptr();
  });
}

inline PyMethodDef reply_methods[] = {
    {"__reduce__", reply_reduce, METH_NOARGS, "__reduce__(self) -> tuple[typing.Any, ...]\n\nFor pickle and copy."},
    {"to_dict", reply_to_dict, METH_NOARGS,
     "to_dict(self) -> dict[str, typing.Any]\n\nThe --json form: {'offset', 'length', 'code', 'lines' (str, "
     "invalid UTF-8 as surrogateescape), 'enhanced' (str or None), 'flags' (ids)}."},
    {nullptr, nullptr, 0, nullptr},
};

inline PyType_Slot reply_slots[] = {
    {Py_tp_doc, const_cast<char*>("One complete SMTP reply: immutable, hashable, owns a copy of its bytes. Made by "
                                  "smtpreply.parse(), parse_all() and ReplyParser.feed(). Equal when their bytes and "
                                  "everything parsed from them are equal.")},
    {Py_tp_dealloc, reinterpret_cast<void*>(reply_dealloc)},
    {Py_tp_new, reinterpret_cast<void*>(reply_new)},
    {Py_tp_richcompare, reinterpret_cast<void*>(reply_richcompare)},
    {Py_tp_hash, reinterpret_cast<void*>(reply_hash)},
    {Py_tp_repr, reinterpret_cast<void*>(reply_repr)},
    {Py_tp_str, reinterpret_cast<void*>(reply_str)},
    {Py_tp_members, reply_members},
    {Py_tp_getset, reply_getset},
    {Py_tp_methods, reply_methods},
    {0, nullptr},
};

inline PyType_Spec reply_spec = {
    "smtpreply._smtpreply.Reply",
    static_cast<int>(offsetof(reply_object, raw) + 1),  // + the NUL after the bytes
    1,                                                  // itemsize: one per raw byte
    Py_TPFLAGS_DEFAULT,
    reply_slots,
};

/// Creates the type and adds it to the module.
inline void add_reply_type(py::module_& m) {
  PyObject* type = PyType_FromSpec(&reply_spec);
  if (type == nullptr) throw py::error_already_set();
  reply_type = reinterpret_cast<PyTypeObject*>(type);
  m.add_object("Reply", type);  // steals the reference; reply_type stays valid with the module
}

}  // namespace smtpreply_python

// Lets pybind11 functions return Reply objects with a proper signature.
namespace smtpreply_python {
struct reply_handle : pybind11::object {
  using pybind11::object::object;
  static bool check_(pybind11::handle h) { return h.ptr() != nullptr && Py_TYPE(h.ptr()) == reply_type; }
};
}  // namespace smtpreply_python

namespace pybind11 {
namespace detail {
template <>
struct handle_type_name<smtpreply_python::reply_handle> {
  static constexpr auto name = const_name("Reply");
};
}  // namespace detail
}  // namespace pybind11

#endif  // SMTPREPLY_PYTHON_REPLY_OBJECT_HPP
