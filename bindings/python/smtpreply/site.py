"""The reference site: a static site, generated from the catalog, with a page
per basic reply code, per enhanced status code, per classification reason
and per comparison of codes people confuse, an index by class and category,
an offline search, a language switch (English and Indonesian) and a box that
explains a pasted reply. ``smtpreply site OUTDIR`` writes it.

Nothing on the site is written by hand: the pages are :func:`render_html`
of the explanation objects; ``assets/catalog.json`` (and the same data as
``assets/catalog.js``, which a page opened from disk can load) is exported
from the same objects, and ``assets/lookup.js`` only looks things up in it,
so the paste box says what :func:`explain` says (``tests/python/test_site.py``
checks every code through node).
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import pathlib
import shutil
import time
from importlib import resources
from typing import Any, Optional, Union

from ._code import ReplyCode
from ._smtpreply import Action, EnhancedCode, __version__, _reason_table
from .catalog import EnhancedExplanation, Explanation, advise, compare, explain
from .i18n import LANGUAGES, translate, translate_reference
from .render import _WORDS, PAGE_CSS, reference_links, render_html

__all__ = ["COMPARISONS", "SiteStats", "build_site", "catalog_export"]

# The pairs people confuse, each with the reason it is on the site (README "The reference site").
COMPARISONS: tuple[tuple[str, str], ...] = (
    ("250", "421"),  # accepted vs the server hanging up
    ("421", "450"),  # temporary: the session is gone vs one mailbox is busy
    ("450", "550"),  # the same mailbox problem, transient vs permanent
    ("451", "452"),  # server-side error vs no storage / too many recipients
    ("550", "553"),  # mailbox unavailable vs mailbox name not allowed
    ("552", "452"),  # too big (or too many recipients) permanent vs transient
    ("530", "535"),  # authentication required vs credentials rejected
    ("554", "550"),  # transaction failed vs mailbox unavailable
    ("421", "554"),  # greeting refusals: come back later vs no service here
    ("454", "535"),  # authentication: temporary failure vs bad credentials
    ("521", "556"),  # host vs domain accepts no mail
    ("4.7.1", "5.7.1"),  # the same policy subject, transient vs permanent
    ("5.1.1", "5.1.2"),  # bad mailbox vs bad domain
    ("4.2.2", "5.2.2"),  # mailbox full, sent as 4yz or 5yz
)

_SITE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "language": "English",
        "title": "SMTP reply codes explained",
        "intro_basic": "Basic reply codes",
        "intro_enhanced": "Enhanced status codes",
        "reasons": "Why replies fail (classification reasons)",
        "comparisons": "Codes people confuse",
        "index": "Index",
        "docs": "Documentation",
        "search": "Search codes and names",
        "search_hint": "e.g. 421, 5.7.1, mailbox",
        "no_results": "Nothing found.",
        "paste": "Explain a reply",
        "paste_label": "Paste a reply as the server sent it",
        "explain": "Explain",
        "not_a_reply": "Not a reply: it must start with a three-digit code.",
        "source": "Source",
        "reason": "Reason",
        "generated": "Generated from the smtpreply tables",
        "site_nav": "Site",
        "skip": "Skip to the content",
    },
    "id": {
        "language": "Bahasa Indonesia",
        "title": "Penjelasan kode balasan SMTP",
        "intro_basic": "Kode balasan dasar",
        "intro_enhanced": "Kode status yang diperluas",
        "reasons": "Mengapa balasan gagal (alasan klasifikasi)",
        "comparisons": "Kode yang sering tertukar",
        "index": "Indeks",
        "docs": "Dokumentasi",
        "search": "Cari kode dan nama",
        "search_hint": "mis. 421, 5.7.1, kotak surat",
        "no_results": "Tidak ditemukan.",
        "paste": "Jelaskan sebuah balasan",
        "paste_label": "Tempelkan balasan persis seperti yang dikirim server",
        "explain": "Jelaskan",
        "not_a_reply": "Bukan balasan: harus diawali kode tiga digit.",
        "source": "Sumber",
        "reason": "Alasan",
        "generated": "Dibuat dari tabel-tabel smtpreply",
        "site_nav": "Situs",
        "skip": "Langsung ke isi",
    },
}


@dataclasses.dataclass(frozen=True)
class SiteStats:
    """What :func:`build_site` wrote."""

    pages: int
    seconds: float
    files: tuple[str, ...]


# ---- What the site has pages for ----------------------------------------------------------
def basic_codes() -> list[ReplyCode]:
    """Every basic code the catalog lists."""
    return [ReplyCode(v) for v in range(1000) if explain(ReplyCode(v)).known]


def enhanced_codes() -> list[EnhancedCode]:
    """Every registry row in class 4 and 5, and in class 2 where the registry
    pairs it with a 2yz code (or it is X.0.0)."""
    out: list[EnhancedCode] = []
    for klass in (2, 4, 5):
        for subject in range(8):
            for detail in range(1000):
                x = explain(EnhancedCode(klass, subject, detail))
                if not x.known:
                    continue
                if klass == 2 and not ((subject, detail) == (0, 0) or any(200 <= c < 300 for c in x.basic_codes)):
                    continue
                out.append(x.code)
    return sorted(out, key=lambda c: (c.subject, c.detail, int(c.status_class)))


def _path(code: Union[str, ReplyCode, EnhancedCode]) -> str:
    text = str(code)
    return f"enhanced/{text}.html" if "." in text else f"code/{text}.html"


# ---- The data behind the JavaScript lookup ------------------------------------------------------
_ACTIONS = [a.name.lower() for a in sorted(Action, key=int)]


def _basic_export(lang: str) -> dict[str, Any]:
    def t(s: str) -> str:
        return translate(s, lang)

    codes: dict[str, Any] = {}
    variants: list[list[str]] = []
    index = []
    actions = []
    for value in range(1000):
        x = explain(ReplyCode(value))
        actions.append(str(int(x.action)))
        if x.known:
            index.append("-")
            codes[f"{value:03d}"] = {
                "name": t(x.name), "meaning": t(x.meaning), "when_seen": t(x.when_seen),
                "how_to_fix": t(x.how_to_fix), "reference": translate_reference(x.reference, lang),
                "closes_connection": x.closes_connection, "commands": [c.name for c in x.commands],
            }
            continue
        v = [t(x.name), t(x.meaning), t(x.when_seen), t(x.how_to_fix), translate_reference(x.reference, lang)]
        if v not in variants:
            variants.append(v)
        index.append(str(variants.index(v)))
    classes = {str(d): [t(explain(ReplyCode(d * 100)).class_name), t(explain(ReplyCode(d * 100)).class_meaning)]
               for d in range(10)}
    categories = {str(d): [t(explain(ReplyCode(200 + d * 10)).category_name),
                           t(explain(ReplyCode(200 + d * 10)).category_meaning)] for d in range(10)}
    assert len(variants) <= 10
    return {"codes": codes, "unlisted": variants, "unlisted_index": "".join(index), "actions": "".join(actions),
            "classes": classes, "categories": categories}


def _enhanced_export(lang: str) -> dict[str, Any]:
    def t(s: str) -> str:
        return translate(s, lang)

    rows: dict[str, Any] = {}
    for subject in range(8):
        for detail in range(1000):
            x = explain(EnhancedCode(5, subject, detail))
            if x.known:
                rows[f"{subject}.{detail}"] = {
                    "name": t(x.name), "description": t(x.description),
                    "reference": translate_reference(x.reference, lang),
                    "basic_codes": [int(c) for c in x.basic_codes], "deprecated": x.deprecated}
    classes = {str(k): [t(explain(EnhancedCode(k, 0, 0)).class_name),
                        t(explain(EnhancedCode(k, 0, 0)).class_description)]
               for k in (2, 4, 5)}
    subjects = {str(s): [t(explain(EnhancedCode(5, s, 999)).subject_name),
                         t(explain(EnhancedCode(5, s, 999)).subject_description)] for s in range(9)}
    fallback = {"known_subject": translate_reference(explain(EnhancedCode(5, 0, 999)).reference, lang),
                "unknown_subject": translate_reference(explain(EnhancedCode(5, 8, 0)).reference, lang)}
    # The action of every class.subject.detail: a default per class and subject, and the exceptions.
    actions: dict[str, Any] = {}
    for k in (2, 4, 5):
        for s in range(9):
            found = [int(advise(EnhancedCode(k, s, d))) for d in range(1000)]
            default = max(set(found), key=found.count)
            actions[f"{k}.{s}"] = {"default": default,
                                   "except": {str(d): a for d, a in enumerate(found) if a != default}}
    vendors = []
    seen = set()
    for d in range(1000):
        x = explain(EnhancedCode(5, 7, d))
        if x.vendor is not None and x.vendor.name not in seen:
            seen.add(x.vendor.name)
            last = max(e for e in range(d, 1000) if explain(EnhancedCode(5, 7, e)).vendor == x.vendor)
            vendors.append({"class": 5, "subject": 7, "first": d, "last": last, "vendor": x.vendor.vendor,
                            "name": t(x.vendor.name), "description": t(x.vendor.description),
                            "source": x.vendor.source})
    return {"rows": rows, "classes": classes, "subjects": subjects, "fallback_reference": fallback,
            "actions": actions, "vendors": vendors}


def catalog_export() -> dict[str, Any]:
    """The data of ``assets/catalog.json``: per language, every text the
    lookup shows, read from :func:`explain` (and the translations); the
    action of every code; the search index; the words of the renderings."""
    out: dict[str, Any] = {"version": __version__, "action_names": _ACTIONS, "languages": {}}
    for lang in LANGUAGES:
        def t(s: str, lang: str = lang) -> str:
            return translate(s, lang)

        entries = []
        for code in basic_codes():
            entries.append([str(code), t(explain(code).name), _path(code)])
        for ecode in enhanced_codes():
            entries.append([str(ecode), t(explain(ecode).name), _path(ecode)])
        for _value, rid, description, _source in _reason_table:
            entries.append([rid, t(description), f"reason/{rid}.html"])
        for a, b in COMPARISONS:
            entries.append([f"{a} vs {b}", f"{t(explain(a).name)} / {t(explain(b).name)}", f"compare/{a}-{b}.html"])
        out["languages"][lang] = {
            "basic": _basic_export(lang),
            "enhanced": _enhanced_export(lang),
            "action_texts": {a.name.lower(): t(a.__doc__ or "") for a in Action},
            "words": {**_WORDS[lang], **_SITE_WORDS[lang]},
            "search": entries,
        }
    return out


# ---- Pages ------------------------------------------------------------------------------------
def _page(lang: str, path: str, title: str, body: str, *, alternate: bool = True, docs: bool = False) -> str:
    """A whole page at ``path`` (relative to the site root, e.g. ``en/code/421.html``)."""
    w = _SITE_WORDS[lang]
    depth = path.count("/")
    root = "../" * depth
    other = [x for x in LANGUAGES if x != lang][0]
    other_path = other + path[len(lang):]
    e = html.escape
    nav = [f'<a href="{root}{lang}/index.html">{e(w["index"])}</a>']
    if docs:
        nav.append(f'<a href="{root}docs/index.html">{e(w["docs"])}</a>')
    if alternate:
        nav.append(f'<a id="lang-switch" href="{root}{other_path}" hreflang="{other}" lang="{other}">'
                   f'{e(_SITE_WORDS[other]["language"])}</a>')
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)} · smtpreply</title>
<link rel="stylesheet" href="{root}assets/site.css">
<link rel="alternate" hreflang="{other}" href="{root}{other_path}">
</head>
<body data-root="{root}" data-lang="{lang}">
<a class="skip" href="#content">{e(w["skip"])}</a>
<header>
<a class="brand" href="{root}{lang}/index.html">smtpreply</a>
<nav aria-label="{e(w["site_nav"])}">{" ".join(nav)}</nav>
<form role="search" id="search-form" action="#">
<label for="q">{e(w["search"])}</label>
<input id="q" type="search" autocomplete="off" placeholder="{e(w["search_hint"])}">
<ul id="results" aria-live="polite"></ul>
</form>
</header>
<main id="content">
{body}</main>
<footer><p>{e(w["generated"])} {e(__version__)}.</p></footer>
<script src="{root}assets/catalog.js"></script>
<script src="{root}assets/lookup.js"></script>
<script src="{root}assets/site.js"></script>
</body>
</html>
"""


def _linker(lang: str, depth: int, pages: set[str]) -> Any:
    root = "../" * depth

    def link(code: str) -> Optional[str]:
        p = _path(code)
        return f"{root}{lang}/{p}" if p in pages else None

    return link


def _index_body(lang: str, pages: set[str]) -> str:
    def t(s: str) -> str:
        return translate(s, lang)

    w = _SITE_WORDS[lang]
    e = html.escape
    out = [f"<h1>{e(w['title'])}</h1>"]
    out.append(f'<section id="paste"><h2>{e(w["paste"])}</h2>'
               f'<form id="paste-form" action="#"><label for="reply">{e(w["paste_label"])}</label>'
               f'<textarea id="reply" rows="3">550 5.1.1 User unknown</textarea>'
               f'<button type="submit">{e(w["explain"])}</button></form>'
               f'<div id="explained" aria-live="polite"></div></section>')
    out.append(f"<h2>{e(w['intro_basic'])}</h2>")
    by_class: dict[int, dict[int, list[Explanation]]] = {}
    for code in basic_codes():
        x = explain(code)
        by_class.setdefault(code.first_digit, {}).setdefault(code.second_digit, []).append(x)
    for digit, cats in sorted(by_class.items()):
        first = next(iter(cats.values()))[0]
        out.append(f'<section class="class"><h3>{digit}xx {e(t(first.class_name))}</h3>'
                   f"<p>{e(t(first.class_meaning))}</p>")
        for cat, xs in sorted(cats.items()):
            out.append(f"<h4>x{cat}x {e(t(xs[0].category_name))}</h4><ul class=\"codes\">")
            out += [f'<li><a href="{_path(x.code)}">{x.code}</a> {e(t(x.name))}</li>' for x in xs]
            out.append("</ul>")
        out.append("</section>")
    out.append(f"<h2>{e(w['intro_enhanced'])}</h2>")
    by_subject: dict[int, list[EnhancedCode]] = {}
    for ecode in enhanced_codes():
        by_subject.setdefault(ecode.subject, []).append(ecode)
    for subject, ecodes in sorted(by_subject.items()):
        s = explain(ecodes[0])
        out.append(f'<section class="subject"><h3>X.{subject}.x {e(t(s.subject_name))}</h3>'
                   f"<p>{e(t(s.subject_description))}</p><ul class=\"codes\">")
        rows: dict[tuple[int, int], list[EnhancedCode]] = {}
        for c in ecodes:
            rows.setdefault((c.subject, c.detail), []).append(c)
        for cs in rows.values():
            links = " ".join(f'<a href="{_path(c)}">{c}</a>' for c in cs)
            out.append(f"<li>{links} {e(t(explain(cs[0]).name))}</li>")
        out.append("</ul></section>")
    out.append(f"<h2>{e(w['reasons'])}</h2><ul class=\"codes\">")
    for _value, rid, description, _source in _reason_table:
        out.append(f'<li><a href="reason/{rid}.html">{rid}</a> {e(t(description))}</li>')
    out.append(f"</ul><h2>{e(w['comparisons'])}</h2><ul class=\"codes\">")
    for a, b in COMPARISONS:
        out.append(f'<li><a href="compare/{a}-{b}.html">{a} vs {b}</a> '
                   f"{e(t(explain(a).name))} / {e(t(explain(b).name))}</li>")
    out.append("</ul>")
    return "\n".join(out) + "\n"


def _reason_body(lang: str, rid: str, description: str, source: str) -> str:
    w = {**_WORDS[lang], **_SITE_WORDS[lang]}
    e = html.escape
    links = reference_links(source, lang)
    items = "".join(f'<li><a href="{e(u)}" rel="external">{e(x)}</a></li>' for x, u in links)
    more = f'<section class="learn-more"><h2>{e(w["learn_more"])}</h2><ul>{items}</ul></section>' if links else ""
    return (f'<article class="explanation"><h1>{e(w["reason"])}: <code>{e(rid)}</code></h1>'
            f'<section><h2>{e(w["description"])}</h2><p>{e(translate(description, lang))}</p></section>'
            f'<dl class="facts"><dt>{e(w["source"])}</dt><dd>{e(source)}</dd></dl>{more}</article>\n')


def build_site(outdir: Union[str, os.PathLike[str]]) -> SiteStats:
    """Writes the site into ``outdir`` (created if needed; files of an earlier
    build are replaced, other files are left alone). A ``docs/index.html``
    already in ``outdir`` (``scripts/build_site.sh`` puts the project's
    documentation there first) gets a link from every page."""
    start = time.perf_counter()
    out = pathlib.Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    docs = (out / "docs" / "index.html").exists()
    written: list[str] = []

    def write(rel: str, text: str) -> None:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
        written.append(rel)

    for lang in LANGUAGES:
        shutil.rmtree(out / lang, ignore_errors=True)
    pages: set[str] = {_path(c) for c in basic_codes()} | {_path(c) for c in enhanced_codes()}
    pages |= {f"reason/{rid}.html" for _v, rid, _d, _s in _reason_table}
    pages |= {f"compare/{a}-{b}.html" for a, b in COMPARISONS}
    for lang in LANGUAGES:
        def t(s: str, lang: str = lang) -> str:
            return translate(s, lang)

        for code in basic_codes():
            x: Union[Explanation, EnhancedExplanation] = explain(code)
            rel = f"{lang}/{_path(code)}"
            write(rel, _page(lang, rel, f"{code} {t(x.name)}", render_html(x, lang=lang, link=_linker(lang, 2, pages)),
                             docs=docs))
        for ecode in enhanced_codes():
            x = explain(ecode)
            rel = f"{lang}/{_path(ecode)}"
            write(rel, _page(lang, rel, f"{ecode} {t(x.name)}", render_html(x, lang=lang, link=_linker(lang, 2, pages)),
                             docs=docs))
        for _value, rid, description, source in _reason_table:
            rel = f"{lang}/reason/{rid}.html"
            write(rel, _page(lang, rel, rid, _reason_body(lang, rid, description, source), docs=docs))
        for a, b in COMPARISONS:
            rel = f"{lang}/compare/{a}-{b}.html"
            write(rel, _page(lang, rel, f"{a} vs {b}", render_html(compare(a, b), lang=lang,
                                                                    link=_linker(lang, 2, pages)), docs=docs))
        write(f"{lang}/index.html", _page(lang, f"{lang}/index.html", _SITE_WORDS[lang]["title"],
                                          _index_body(lang, pages), docs=docs))
    links = " · ".join(f'<a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">{_SITE_WORDS[lang]["title"]}</a>'
                       for lang in LANGUAGES)
    write("index.html", '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
          '<meta http-equiv="refresh" content="0; url=en/index.html">\n<title>smtpreply</title>\n</head>\n'
          f"<body>\n<main>\n<h1>smtpreply</h1>\n<p>{links}</p>\n</main>\n</body>\n</html>\n")
    data = catalog_export()
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    write("assets/catalog.json", text + "\n")
    write("assets/catalog.js", f"var SMTPREPLY_CATALOG = {text};\n")
    assets = resources.files(__package__).joinpath("site_assets")
    for name in ("lookup.js", "site.js", "site.css"):
        content = assets.joinpath(name).read_text("utf-8")
        if name == "site.css":
            content = PAGE_CSS + content
        write(f"assets/{name}", content)
    pages_written = sum(1 for w in written if w.endswith(".html"))
    return SiteStats(pages=pages_written, seconds=time.perf_counter() - start, files=tuple(written))
