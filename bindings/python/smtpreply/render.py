"""Text, Markdown, HTML and JSON renderings of explanations and comparisons,
in English (``lang="en"``) or Indonesian (``lang="id"``). Every format is
written from one list of blocks built from the explanation objects, so they
say the same things; the catalog's sentences come from the C++ tables and
their Indonesian translations from ``locale/id.json`` (see
:mod:`smtpreply.i18n`). JSON is the same in every language: stable keys,
enum values as their lower-case names, the English texts.

>>> from smtpreply import compare
>>> print(render(compare(250, 421), "markdown", lang="id").splitlines()[0])
# 250 vs 421
"""

from __future__ import annotations

import dataclasses
import enum
import html
import json
import re
from typing import Any, Callable, Optional, Union

from .catalog import (
    Action,
    Command,
    Comparison,
    Difference,
    EnhancedComparison,
    EnhancedExplanation,
    Explanation,
)
from .i18n import LANGUAGES, translate, translate_reference

__all__ = ["FORMATS", "LANGUAGES", "reference_links", "render", "render_html"]

FORMATS = ("text", "markdown", "json", "html")

Renderable = Union[Explanation, EnhancedExplanation, Comparison, EnhancedComparison]

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "description": "Description",
        "when_seen": "When You See It",
        "how_to_fix": "How to Fix It",
        "differences": "Key Differences",
        "which": "When to Use Which",
        "learn_more": "Learn More",
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
        "learn_more": "Pelajari Lebih Lanjut",
        "class": "Kelas",
        "category": "Kategori",
        "subject": "Subjek",
        "action": "Tindakan",
        "reference": "Referensi",
        "closes": "Menutup koneksi",
        "commands": "Menjawab perintah",
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

# A function from a code's text ("421", "5.7.1") to the address of its page,
# or None; lets HTML link the codes it names (the site passes one).
Linker = Callable[[str], Optional[str]]


def render(obj: Renderable, format: str = "text", *, lang: str = "en") -> str:
    """Renders an explanation or a comparison as ``"text"``, ``"markdown"``,
    ``"html"`` (a whole page with no external resource) or ``"json"``, in
    ``lang`` (``"en"`` or ``"id"``)."""
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if format == "json":
        return json.dumps(to_json(obj), indent=2, ensure_ascii=False)
    blocks = _blocks(obj, lang)
    if format == "html":
        title = _title_of(obj)
        return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f"<title>{html.escape(title)} · smtpreply</title>\n<style>{PAGE_CSS}</style>\n</head>\n"
                f"<body>\n<main>\n{_html(blocks, None)}</main>\n</body>\n</html>\n")
    return _markdown(blocks) if format == "markdown" else _text(blocks)


def render_html(obj: Renderable, *, lang: str = "en", link: Optional[Linker] = None) -> str:
    """The HTML of an explanation or comparison without the page around it
    (an ``<article>``), linking the codes it names through ``link``."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    return _html(_blocks(obj, lang), link)


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


# ---- RFC references as links --------------------------------------------------------
_RFC = re.compile(r"RFC (\d+)(?: sections? ((?:\d+(?:\.\d+)*)(?:(?:, | and )\d+(?:\.\d+)*)*))?")
_DRAFT = re.compile(r"\b(draft-[a-z0-9-]+)")
_URL = re.compile(r"https?://[^\s),]+")


def reference_links(reference: str, lang: str = "en") -> list[tuple[str, str]]:
    """``(text, url)`` for each RFC (each section), Internet-Draft and URL a
    reference names: ``"RFC 5321 sections 4.2.3 and 4.3.2"`` gives two links
    to rfc-editor.org, one per section."""
    out: list[tuple[str, str]] = []
    for m in _RFC.finditer(reference):
        number, sections = m.group(1), m.group(2)
        base = f"https://www.rfc-editor.org/rfc/rfc{number}"
        if not sections:
            out.append((f"RFC {number}", base))
            continue
        for s in re.split(r", | and ", sections):
            out.append((translate_reference(f"RFC {number} section {s}", lang), f"{base}#section-{s}"))
    for m in _DRAFT.finditer(reference):
        out.append((m.group(1), f"https://datatracker.ietf.org/doc/{m.group(1)}/"))
    for m in _URL.finditer(reference):
        out.append((m.group(0), m.group(0)))
    seen: set[str] = set()
    return [x for x in out if not (x[1] in seen or seen.add(x[1]))]  # type: ignore[func-returns-value]


# ---- One list of blocks for every format ------------------------------------------------
# ("title", level, text, code) · ("field", label, text, codes) · ("line", text) · ("blank",)
# ("section", level, title, items) with items ("p", text) · ("field", label, text, codes) · ("bullet", text, code)
# ("links", level, title, [(text, url)])
Block = tuple[Any, ...]


def _title_of(obj: Renderable) -> str:
    if isinstance(obj, (Comparison, EnhancedComparison)):
        return f"{obj.a.code} vs {obj.b.code}"
    return f"{obj.code}"


def _blocks(obj: Renderable, lang: str) -> list[Block]:
    w = _WORDS[lang]
    if isinstance(obj, (Explanation, EnhancedExplanation)):
        return _explanation(obj, w, lang, level=1) + [
            ("links", 1, w["learn_more"], reference_links(obj.reference, lang))]
    if isinstance(obj, (Comparison, EnhancedComparison)):
        return _comparison(obj, w, lang)
    raise TypeError(f"render() takes an explanation or a comparison, not {type(obj).__name__}")


def _explanation(x: Union[Explanation, EnhancedExplanation], w: dict[str, str], lang: str, level: int) -> list[Block]:
    def t(s: str) -> str:
        return translate(s, lang)

    out: list[Block] = []
    if isinstance(x, Explanation):
        out.append(("title", level, f"{x.code} {t(x.name)}", str(x.code)))
        out.append(("field", w["class"], f"{x.code.first_digit}xx {t(x.class_name)}: {t(x.class_meaning)}", ()))
        out.append(("field", w["category"],
                    f"x{x.code.second_digit}x {t(x.category_name)}: {t(x.category_meaning)}", ()))
        if not x.known:
            out.append(("line", w["unlisted"]))
        out.append(("blank",))
        out.append(("section", level, w["description"], [("p", t(x.meaning))]))
        seen: list[Block] = [("p", t(x.when_seen))]
        commands = [c.name for c in x.commands if c is not Command.NONE]
        if commands:
            seen.append(("field", w["commands"], ", ".join(commands), ()))
        out.append(("section", level, w["when_seen"], seen))
        out.append(("section", level, w["how_to_fix"], [
            ("p", t(x.how_to_fix)),
            ("field", w["action"], f"{x.action.name.lower()}: {t(x.action_description)}", ()),
            ("field", w["closes"], w["yes"] if x.closes_connection else w["no"], ()),
        ]))
    else:
        title = f"{x.code} {t(x.name)}" + (f" ({w['deprecated']})" if x.deprecated else "")
        out.append(("title", level, title, str(x.code)))
        out.append(("field", w["class"], f"{x.code.status_class.value}.x.x {t(x.class_name)}: {t(x.class_description)}",
                    ()))
        out.append(("field", w["subject"], f"x.{x.code.subject}.x {t(x.subject_name)}: {t(x.subject_description)}",
                    ()))
        out.append(("blank",))
        desc: list[Block] = [("p", t(x.description))]
        if x.vendor is not None:
            v = x.vendor
            desc.append(("field", w["vendor"], f"{v.vendor}: {t(v.name)}. {t(v.description)} ({v.source})", ()))
        out.append(("section", level, w["description"], desc))
        codes = tuple(str(c) for c in x.basic_codes)
        out.append(("section", level, w["when_seen"],
                    [("field", w["basic_codes"], ", ".join(codes) or w["none"], codes)]))
        out.append(("section", level, w["how_to_fix"],
                    [("field", w["action"], f"{x.action.name.lower()}: {t(x.action_description)}", ())]))
    out.append(("field", w["reference"], translate_reference(x.reference, lang), ()))
    out.append(("blank",))
    return out


def _kind(first_digit: int, w: dict[str, str]) -> str:
    return w["transient"] if first_digit == 4 else w["permanent"] if first_digit == 5 else w["no_failure"]


def _comparison(c: Union[Comparison, EnhancedComparison], w: dict[str, str], lang: str) -> list[Block]:
    def t(s: str) -> str:
        return translate(s, lang)

    a, b = c.a, c.b
    an, bn = str(a.code), str(b.code)
    out: list[Block] = [("title", 0, f"{an} vs {bn}", None), ("blank",)]
    out += _explanation(a, w, lang, level=2)
    out += _explanation(b, w, lang, level=2)

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
        lines.append(w["d_class"].format(a=an, b=bn, ca=t(ca), cb=t(cb)))
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
        lines.append(w["d_category"].format(a=an, b=bn, ca=t(cat_a), cb=t(cat_b)))
    if d & Difference.ADVICE:
        lines.append(w["d_action"].format(a=an, b=bn, aa=a.action.name.lower(), ab=b.action.name.lower()))
    if not lines:
        lines.append(w["d_none"] if an != bn else w["same"])
    out.append(("section", 1, w["differences"], [("bullet", line, None) for line in lines]))

    which: list[Block] = []
    for side in (a, b):
        text = side.when_seen if isinstance(side, Explanation) else side.description
        which.append(("bullet", f"{side.code} ({t(side.name)}): {t(text)} {t(side.action_description)}",
                      str(side.code)))
    out.append(("section", 1, w["which"], which))
    links = reference_links(a.reference, lang)
    links += [x for x in reference_links(b.reference, lang) if x not in links]
    out.append(("links", 1, w["learn_more"], links))
    return out


# ---- Serialisers ------------------------------------------------------------------------
def _text(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            out += [b[2], "=" * len(b[2])] if b[1] == 0 else [b[2], ""]
        elif kind == "field":
            out.append(f"{b[1]}: {b[2]}")
        elif kind == "line":
            out.append(b[1])
        elif kind == "blank":
            out.append("")
        elif kind == "section":
            out.append(b[2])
            for item in b[3]:
                out.append("  " + (f"{item[1]}: {item[2]}" if item[0] == "field" else
                                   f"* {item[1]}" if item[0] == "bullet" else item[1]))
            out.append("")
        elif kind == "links" and b[3]:
            out.append(b[2])
            out += [f"  * {text}: {url}" for text, url in b[3]]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        kind = b[0]
        if kind == "title":
            out += [f"{'#' * max(b[1], 1)} {_md_escape(b[2])}"] + ([""] if b[1] else [])
        elif kind == "field":
            out.append(f"**{b[1]}:** {_md_escape(b[2])}  ")
        elif kind == "line":
            out.append(_md_escape(b[1]))
        elif kind == "blank":
            out.append("")
        elif kind == "section":
            out += [f"{'#' * (b[1] + 1)} {b[2]}", ""]
            for item in b[3]:
                if item[0] == "field":
                    out += [f"**{item[1]}:** {_md_escape(item[2])}  ", ""]
                elif item[0] == "bullet":
                    out += [f"- {_md_escape(item[1])}", ""]
                else:
                    out += [_md_escape(item[1]), ""]
        elif kind == "links" and b[3]:
            out += [f"{'#' * (b[1] + 1)} {b[2]}", ""]
            out += [f"- [{text}]({url})" for text, url in b[3]]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


_CODE_WORD = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3}|[1-5]\d\d)\b")


def _html(blocks: list[Block], link: Optional[Linker]) -> str:
    e = html.escape

    def code_links(text: str, codes: tuple[str, ...]) -> str:
        if link is None or not codes:
            return e(text)
        return ", ".join(f'<a href="{e(href)}">{e(c)}</a>' if (href := link(c)) else e(c) for c in codes)

    def title_link(text: str, code: Optional[str]) -> str:
        href = link(code) if (link is not None and code) else None
        if href is None or code is None or not text.startswith(code):
            return e(text)
        return f'<a href="{e(href)}">{e(code)}</a>{e(text[len(code):])}'

    out = ['<article class="explanation">']
    fields_open = False

    def close_fields() -> None:
        nonlocal fields_open
        if fields_open:
            out.append("</dl>")
            fields_open = False

    for b in blocks:
        kind = b[0]
        if kind != "field":
            close_fields()
        if kind == "title":
            level = 1 if b[1] <= 1 else 2
            out.append(f"<h{level}>{title_link(b[2], b[3]) if b[1] > 1 else e(b[2])}</h{level}>")
        elif kind == "field":
            if not fields_open:
                out.append('<dl class="facts">')
                fields_open = True
            out.append(f"<dt>{e(b[1])}</dt><dd>{code_links(b[2], b[3])}</dd>")
        elif kind == "line":
            out.append(f'<p class="note">{e(b[1])}</p>')
        elif kind == "section":
            level = b[1] + 1
            out.append(f'<section><h{level}>{e(b[2])}</h{level}>')
            bullets = [item for item in b[3] if item[0] == "bullet"]
            for item in b[3]:
                if item[0] == "p":
                    out.append(f"<p>{e(item[1])}</p>")
                elif item[0] == "field":
                    out.append(f"<p><strong>{e(item[1])}:</strong> {code_links(item[2], item[3])}</p>")
            if bullets:
                out.append("<ul>" + "".join(f"<li>{title_link(item[1], item[2])}</li>" for item in bullets)
                           + "</ul>")
            out.append("</section>")
        elif kind == "links" and b[3]:
            level = b[1] + 1
            items = "".join(f'<li><a href="{e(url)}" rel="external">{e(text)}</a></li>' for text, url in b[3])
            out.append(f'<section class="learn-more"><h{level}>{e(b[2])}</h{level}><ul>{items}</ul></section>')
    close_fields()
    out.append("</article>")
    return "\n".join(out) + "\n"


PAGE_CSS = """
:root{--fg:#1b1f24;--bg:#fff;--muted:#57606a;--line:#d0d7de;--accent:#0550ae;--ok:#116329;--warn:#7d4e00;--bad:#a40e26}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:var(--accent)}
h1{font-size:1.7rem;margin:.6rem 0 .8rem}h2{font-size:1.3rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}h3{font-size:1.08rem;margin:1.1rem 0 .3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0 1rem}
dl.facts dt{font-weight:600;color:var(--muted)}dl.facts dd{margin:0}
p.note{color:var(--warn)}
section.learn-more ul{columns:2}
code,kbd{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
"""
