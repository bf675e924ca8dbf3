"""Text, Markdown and JSON renderings of explanations and comparisons, with
section headings in English (``lang="en"``) or Indonesian (``lang="id"``).
The catalog's own texts are English; headings, labels and the generated
sentences about differences follow ``lang``. JSON is the same in every
language: stable keys, enum values as their lower-case names.

>>> from smtpreply import compare
>>> print(render(compare(250, 421), "markdown", lang="id").splitlines()[0])
# 250 vs 421
"""

from __future__ import annotations

import dataclasses
import enum
import json
from typing import Any, Union

from .catalog import (
    Action,
    Command,
    Comparison,
    Difference,
    EnhancedComparison,
    EnhancedExplanation,
    Explanation,
)

__all__ = ["FORMATS", "LANGUAGES", "render"]

FORMATS = ("text", "markdown", "json")
LANGUAGES = ("en", "id")

Renderable = Union[Explanation, EnhancedExplanation, Comparison, EnhancedComparison]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "description": "Description",
        "when_seen": "When You See It",
        "how_to_fix": "How to Fix It",
        "differences": "Key Differences",
        "which": "When to Use Which",
        "class": "Class",
        "category": "Category",
        "subject": "Subject",
        "action": "Action",
        "reference": "Reference",
        "closes": "Closes the connection",
        "commands": "Answers",
        "basic_codes": "Associated basic codes",
        "deprecated": "Deprecated",
        "vendor": "Vendor note",
        "unlisted": "Not listed by any RFC: explained by its digits.",
        "yes": "yes",
        "no": "no",
        "none": "none",
        "no_failure": "not a failure",
        "transient": "a transient failure (the same request may succeed later)",
        "permanent": "a permanent failure (do not repeat it unchanged)",
        "d_class": "Class: {a} is {ca}; {b} is {cb}.",
        "d_kind": "Outcome: {a}: {ka}; {b}: {kb}.",
        "d_closes": "{x} closes the connection; {y} does not.",
        "d_retry": "Retry: {x} should be retried after a delay; {y} {note}.",
        "needs_nothing": "needs nothing more (it did not fail)",
        "no_retry": "should not be retried unchanged",
        "d_category": "Category: {a} is {ca}; {b} is {cb}.",
        "d_action": "Action: {a}: {aa}; {b}: {ab}.",
        "d_none": "None: both codes call for the same handling.",
        "same": "the same code",
    },
    "id": {
        "description": "Deskripsi",
        "when_seen": "Ketika Anda Melihatnya",
        "how_to_fix": "Cara Memperbaiki",
        "differences": "Perbedaan Utama",
        "which": "Kapan Menggunakan Yang Mana",
        "class": "Kelas",
        "category": "Kategori",
        "subject": "Subjek",
        "action": "Tindakan",
        "reference": "Referensi",
        "closes": "Menutup koneksi",
        "commands": "Menjawab",
        "basic_codes": "Kode dasar terkait",
        "deprecated": "Usang",
        "vendor": "Catatan vendor",
        "unlisted": "Tidak tercantum di RFC mana pun: dijelaskan dari digit-digitnya.",
        "yes": "ya",
        "no": "tidak",
        "none": "tidak ada",
        "no_failure": "bukan kegagalan",
        "transient": "kegagalan sementara (permintaan yang sama bisa berhasil nanti)",
        "permanent": "kegagalan permanen (jangan diulang tanpa perubahan)",
        "d_class": "Kelas: {a} adalah {ca}; {b} adalah {cb}.",
        "d_kind": "Hasil: {a}: {ka}; {b}: {kb}.",
        "d_closes": "{x} menutup koneksi; {y} tidak.",
        "d_retry": "Coba lagi: {x} perlu dicoba lagi setelah jeda; {y} {note}.",
        "needs_nothing": "tidak perlu apa-apa lagi (tidak gagal)",
        "no_retry": "tidak boleh diulang tanpa perubahan",
        "d_category": "Kategori: {a} adalah {ca}; {b} adalah {cb}.",
        "d_action": "Tindakan: {a}: {aa}; {b}: {ab}.",
        "d_none": "Tidak ada: kedua kode ditangani dengan cara yang sama.",
        "same": "kode yang sama",
    },
}


def render(obj: Renderable, format: str = "text", *, lang: str = "en") -> str:
    """Renders an explanation or a comparison as ``"text"``, ``"markdown"`` or
    ``"json"``, with headings in ``lang`` (``"en"`` or ``"id"``)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if format == "json":
        return json.dumps(to_json(obj), indent=2, ensure_ascii=False)
    words = _WORDS[lang]
    md = format == "markdown"
    if isinstance(obj, (Explanation, EnhancedExplanation)):
        return "\n".join(_explanation(obj, words, md, level=1)).rstrip() + "\n"
    if isinstance(obj, (Comparison, EnhancedComparison)):
        return "\n".join(_comparison(obj, words, md)).rstrip() + "\n"
    raise TypeError(f"render() takes an explanation or a comparison, not {type(obj).__name__}")


def to_json(obj: Renderable) -> dict[str, Any]:
    """The JSON-ready dict of an explanation or a comparison."""

    def value(v: Any) -> Any:
        if isinstance(v, enum.Flag):
            return [m.name.lower() for m in type(v) if m.name and v & m]
        if isinstance(v, enum.Enum):
            return v.name.lower()
        if isinstance(v, tuple):
            return [value(x) for x in v]
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {f.name: value(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if type(v).__name__ in ("ReplyCode",):
            return int(v)
        if type(v).__name__ == "EnhancedCode":
            return str(v)
        return v

    out = value(obj)
    if isinstance(obj, (Explanation, EnhancedExplanation)):
        out["action_description"] = obj.action_description
        out["should_retry"] = obj.should_retry
    return dict(out)


# ---- text and Markdown -------------------------------------------------------------
def _heading(text: str, md: bool, level: int) -> list[str]:
    if md:
        return ["#" * level + " " + text, ""]
    return [text, "-" * len(text) if level <= 2 else ""] if level <= 2 else [text]


def _field(label: str, text: str, md: bool) -> str:
    return f"**{label}:** {text}  " if md else f"{label}: {text}"


def _section(title: str, body: list[str], md: bool, level: int) -> list[str]:
    if md:
        paragraphs: list[str] = []
        for line in body:
            paragraphs += [line, ""]
        return [f"{'#' * (level + 1)} {title}", "", *paragraphs]
    return [title, *("  " + line if line else "" for line in body), ""]


def _explanation(x: Union[Explanation, EnhancedExplanation], w: dict[str, str], md: bool, level: int) -> list[str]:
    out: list[str] = []
    if isinstance(x, Explanation):
        out += [f"{'#' * level} {x.code} {x.name}" if md else f"{x.code} {x.name}", ""]
        out.append(_field(w["class"], f"{x.code.first_digit}xx {x.class_name}: {x.class_meaning}", md))
        out.append(_field(w["category"], f"x{x.code.second_digit}x {x.category_name}: {x.category_meaning}", md))
        if not x.known:
            out.append(w["unlisted"])
        out.append("")
        out += _section(w["description"], [x.meaning], md, level)
        seen = [x.when_seen]
        commands = [c.name for c in x.commands if c is not Command.NONE]
        if commands:
            seen.append(_field(w["commands"], ", ".join(commands), md))
        out += _section(w["when_seen"], seen, md, level)
        fix = [x.how_to_fix, _field(w["action"], f"{x.action.name.lower()}: {x.action_description}", md),
               _field(w["closes"], w["yes"] if x.closes_connection else w["no"], md)]
        out += _section(w["how_to_fix"], fix, md, level)
    else:
        title = f"{x.code} {x.name}" + (f" ({w['deprecated']})" if x.deprecated else "")
        out += [f"{'#' * level} {title}" if md else title, ""]
        out.append(_field(w["class"], f"{x.code.status_class.value}.x.x {x.class_name}: {x.class_description}", md))
        out.append(_field(w["subject"], f"x.{x.code.subject}.x {x.subject_name}: {x.subject_description}", md))
        out.append("")
        desc = [x.description]
        if x.vendor is not None:
            desc.append(_field(w["vendor"], f"{x.vendor.vendor}: {x.vendor.name}. {x.vendor.description} "
                                            f"({x.vendor.source})", md))
        out += _section(w["description"], desc, md, level)
        codes = ", ".join(str(c) for c in x.basic_codes) or w["none"]
        out += _section(w["when_seen"], [_field(w["basic_codes"], codes, md)], md, level)
        out += _section(w["how_to_fix"], [_field(w["action"], f"{x.action.name.lower()}: {x.action_description}",
                                                 md)], md, level)
    out.append(_field(w["reference"], x.reference, md))
    out.append("")
    return out


def _kind(first_digit: int, w: dict[str, str]) -> str:
    return w["transient"] if first_digit == 4 else w["permanent"] if first_digit == 5 else w["no_failure"]


def _comparison(c: Union[Comparison, EnhancedComparison], w: dict[str, str], md: bool) -> list[str]:
    a, b = c.a, c.b
    an, bn = str(a.code), str(b.code)
    out = [f"# {an} vs {bn}" if md else f"{an} vs {bn}", ""]
    if not md:
        out[0:1] = [out[0], "=" * len(out[0])]
    out += _explanation(a, w, md, level=2)
    out += _explanation(b, w, md, level=2)

    d = c.differences
    lines: list[str] = []
    if isinstance(a, Explanation) and isinstance(b, Explanation):
        ca, cb = a.class_name, b.class_name
        fa, fb = a.code.first_digit, b.code.first_digit
        cat_a, cat_b = a.category_name, b.category_name
    elif isinstance(a, EnhancedExplanation) and isinstance(b, EnhancedExplanation):
        ca, cb = a.class_name, b.class_name
        fa, fb = int(a.code.status_class), int(b.code.status_class)
        cat_a, cat_b = a.subject_name, b.subject_name
    else:  # pragma: no cover - compare() never mixes them
        raise TypeError("mixed comparison")
    if d & Difference.REPLY_CLASS:
        lines.append(w["d_class"].format(a=an, b=bn, ca=ca, cb=cb))
    if d & Difference.TRANSIENT_VS_PERMANENT:
        lines.append(w["d_kind"].format(a=an, b=bn, ka=_kind(fa, w), kb=_kind(fb, w)))
    if d & Difference.CLOSES_CONNECTION and isinstance(a, Explanation):
        x, y = (an, bn) if a.closes_connection else (bn, an)
        lines.append(w["d_closes"].format(x=x, y=y))
    if d & Difference.RETRY:
        (x, _), (y, other) = ((an, a), (bn, b)) if a.should_retry else ((bn, b), (an, a))
        failed = other.action not in (Action.DONE, Action.CONTINUE_REQUEST)
        lines.append(w["d_retry"].format(x=x, y=y, note=w["no_retry"] if failed else w["needs_nothing"]))
    if d & Difference.CATEGORY:
        lines.append(w["d_category"].format(a=an, b=bn, ca=cat_a, cb=cat_b))
    if d & Difference.ADVICE:
        lines.append(w["d_action"].format(a=an, b=bn, aa=a.action.name.lower(), ab=b.action.name.lower()))
    if not lines:
        lines.append(w["d_none"] if an != bn else w["same"])
    bullet = "- " if md else "* "
    out += _section(w["differences"], [bullet + line for line in lines], md, 1)

    which = []
    for side in (a, b):
        text = side.when_seen if isinstance(side, Explanation) else side.description
        which.append(f"{bullet}{side.code} ({side.name}): {text} {side.action_description}")
    out += _section(w["which"], which, md, 1)
    return out
