"""The reference site (issue 16): `smtpreply site OUTDIR` writes every page in
seconds, its links are well formed and lead somewhere, it loads nothing from
outside, and its JavaScript lookup says exactly what `explain()` says, for
every code, in both languages (run under node)."""

from __future__ import annotations

import html.parser
import json
import pathlib
import re
import shutil
import subprocess
import time
from typing import Any

import pytest
from smtpreply import EnhancedCode, ReplyCode, explain
from smtpreply.i18n import LANGUAGES, translate, translate_reference
from smtpreply.site import COMPARISONS, basic_codes, enhanced_codes
from test_cli import SCRIPT

NODE = shutil.which("node") or shutil.which("nodejs")
EXTERNAL = re.compile(r"^https://(www\.rfc-editor\.org/rfc/rfc\d+(#section-\d+(\.\d+)*)?"
                      r"|datatracker\.ietf\.org/doc/draft-[a-z0-9-]+/|learn\.microsoft\.com/[\w/.-]+)$")
VOID = {"meta", "link", "input", "br", "img", "hr"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    got = subprocess.run([SCRIPT, "site", str(out)], capture_output=True, text=True, check=False, timeout=120)
    assert got.returncode == 0, got.stderr
    assert time.perf_counter() - start < 30, "the site must build in seconds"
    assert re.match(r"smtpreply: wrote \d+ pages", got.stdout)
    return out


def pages(site: pathlib.Path) -> list[pathlib.Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_is_generated(site: pathlib.Path) -> None:
    expected = {"index.html"}
    for lang in LANGUAGES:
        expected.add(f"{lang}/index.html")
        expected |= {f"{lang}/code/{c}.html" for c in basic_codes()}
        expected |= {f"{lang}/enhanced/{c}.html" for c in enhanced_codes()}
        expected |= {f"{lang}/reason/{r}.html" for r in ("mailbox_full", "user_unknown", "unknown", "greylisted")}
        expected |= {f"{lang}/compare/{a}-{b}.html" for a, b in COMPARISONS}
    have = {str(p.relative_to(site)) for p in pages(site)}
    assert expected <= have, sorted(expected - have)
    assert len(basic_codes()) == 37 and {"5.7.1", "4.7.1", "2.0.0", "5.1.1"} <= {str(c) for c in enhanced_codes()}
    for pair in ("250-421", "421-450", "450-550", "451-452", "550-553", "552-452", "530-535", "554-550"):
        assert f"en/compare/{pair}.html" in have
    page = (site / "id/compare/250-421.html").read_text("utf-8")
    assert "Perbedaan Utama" in page and "Pelajari Lebih Lanjut" in page and 'lang="id"' in page


class Checker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.links: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if tag == "a":
            if not a.get("href"):
                self.errors.append("a without href")
            self.links.append(str(a.get("href")))
        if tag in ("link", "script", "img"):
            self.scripts.append(str(a.get("href") or a.get("src")))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()


def test_pages_are_balanced_and_links_lead_somewhere(site: pathlib.Path) -> None:
    for page in pages(site):
        c = Checker()
        text = page.read_text("utf-8")
        c.feed(text)
        assert text.startswith("<!DOCTYPE html>") and not c.errors and not c.stack, (page, c.errors, c.stack)
        assert len(c.ids) == len(set(c.ids)), page
        for href in c.links + c.scripts:
            if href.startswith("https://"):
                assert EXTERNAL.match(href), (page, href)
            elif href.startswith("#"):
                assert href[1:] in c.ids, (page, href)
            else:
                assert not re.match(r"^[a-z]+:", href), (page, href)  # no http:, no javascript:
                assert (page.parent / href.split("#")[0]).resolve().is_file(), (page, href)
        for asset in c.scripts:
            assert not asset.startswith("http"), (page, asset)  # nothing loaded from outside


def test_rfc_links_point_at_the_sections_named(site: pathlib.Path) -> None:
    page = (site / "en/code/421.html").read_text("utf-8")
    for s in ("3.8", "4.2.3", "4.3.2"):
        assert f'href="https://www.rfc-editor.org/rfc/rfc5321#section-{s}"' in page


def test_assets_are_local(site: pathlib.Path) -> None:
    for asset in (site / "assets").iterdir():
        text = asset.read_text("utf-8")
        if asset.suffix in (".css", ".js") and asset.stem not in ("catalog",):
            assert "http" not in text and "@import" not in text, asset
    assert json.loads((site / "assets/catalog.json").read_text("utf-8"))["languages"].keys() == set(LANGUAGES)


NODE_SCRIPT = r"""
const L = require(process.argv[1]);
const catalog = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const q = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const lang of Object.keys(catalog.languages)) {
  out[lang] = {basic: q.basic.map(c => L.explainCode(catalog, c, lang)),
               enhanced: q.enhanced.map(p => L.explainEnhanced(catalog, p, lang)),
               replies: q.replies.map(r => L.readReply(r)),
               search: q.search.map(s => L.search(catalog, s, lang).slice(0, 3).map(e => e[0]))};
}
process.stdout.write(JSON.stringify(out));
"""


def python_basic(value: int, lang: str) -> dict[str, Any]:
    x = explain(ReplyCode(value))
    return {"code": value, "known": x.known, "name": translate(x.name, lang), "meaning": translate(x.meaning, lang),
            "when_seen": translate(x.when_seen, lang), "how_to_fix": translate(x.how_to_fix, lang),
            "reference": translate_reference(x.reference, lang), "closes_connection": x.closes_connection,
            "commands": [c.name for c in x.commands], "action": x.action.name.lower(),
            "action_description": translate(x.action_description, lang),
            "class_name": translate(x.class_name, lang), "class_meaning": translate(x.class_meaning, lang),
            "category_name": translate(x.category_name, lang),
            "category_meaning": translate(x.category_meaning, lang)}


def python_enhanced(k: int, s: int, d: int, lang: str) -> dict[str, Any]:
    x = explain(EnhancedCode(k, s, d))
    v = x.vendor
    return {"code": f"{k}.{s}.{d}", "known": x.known, "known_subject": x.known_subject, "deprecated": x.deprecated,
            "name": translate(x.name, lang), "description": translate(x.description, lang),
            "reference": translate_reference(x.reference, lang), "basic_codes": [int(c) for c in x.basic_codes],
            "action": x.action.name.lower(), "action_description": translate(x.action_description, lang),
            "class_name": translate(x.class_name, lang), "class_description": translate(x.class_description, lang),
            "subject_name": translate(x.subject_name, lang),
            "subject_description": translate(x.subject_description, lang),
            "vendor": None if v is None else {"vendor": v.vendor, "name": translate(v.name, lang),
                                              "description": translate(v.description, lang), "source": v.source}}


REPLIES = ["550 5.1.1 User unknown", "421 4.3.2 System shutting down\r\n", "250-mx.example.org\r\n250 SIZE 1000",
           "451 5.7.1 class mismatch", "554 #5.1.0 hash", "220", "hello", "552-5.2.2 over quota\n552 5.2.2 x",
           "  450 4.2.1 rate", "530 5.07.1 bad"]


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_javascript_lookup_matches_python_for_every_code(site: pathlib.Path) -> None:
    enhanced = [[k, s, d] for k in (2, 4, 5) for s in range(10) for d in list(range(35)) + [606, 649, 650, 999]]
    query = {"basic": list(range(1000)), "enhanced": enhanced, "replies": REPLIES,
             "search": ["421", "5.7.1", "mailbox_full", "250 vs"]}
    got = subprocess.run([str(NODE), "-e", NODE_SCRIPT, str(site / "assets/lookup.js"),
                          str(site / "assets/catalog.json")], input=json.dumps(query), capture_output=True,
                         text=True, check=True, timeout=120)
    js = json.loads(got.stdout)
    for lang in LANGUAGES:
        for value, x in zip(range(1000), js[lang]["basic"]):
            assert x == python_basic(value, lang), (lang, value)
        for (k, s, d), x in zip(enhanced, js[lang]["enhanced"]):
            assert x == python_enhanced(k, s, d, lang), (lang, k, s, d)
        assert [r[0] for r in js[lang]["search"]] == ["421", "5.7.1", "mailbox_full", "250 vs 421"]
    import smtpreply

    for text, r in zip(REPLIES, js["en"]["replies"]):
        try:
            reply = smtpreply.parse(text if text.endswith("\n") else text + "\r\n", lenient=True)
        except ValueError:
            reply = None
        if reply is None or not text.strip()[:3].isdigit():
            assert r is None or reply is None, text
            continue
        assert r["code"] == int(reply.code), text
        assert (r["enhanced"] and ".".join(map(str, r["enhanced"]))) == (reply.enhanced and str(reply.enhanced)), text


@pytest.mark.parametrize("args", [["explain", "421"], ["explain", "5.7.1", "--lang", "id"],
                                  ["compare", "250", "421", "--lang", "id"]])
def test_format_html_is_a_whole_page_with_nothing_external(args: list[str]) -> None:
    got = subprocess.run([SCRIPT, *args, "--format", "html"], capture_output=True, text=True, check=False,
                         timeout=60)
    assert got.returncode == 0 and got.stdout.startswith("<!DOCTYPE html>"), got.stderr
    c = Checker()
    c.feed(got.stdout)
    assert not c.errors and not c.stack and c.scripts == []
    assert all(EXTERNAL.match(h) for h in c.links if h.startswith("http")), c.links
    assert f'<html lang="{"id" if "id" in args else "en"}">' in got.stdout
    assert subprocess.run([SCRIPT, "explain", "550 5.1.1 user unknown", "--format", "html"],
                          capture_output=True, check=False, timeout=60).returncode == 2
