"""Indonesian rendering (issue 13, point 13): every catalog text has a
current translation keyed to its table row, and no English sentence is left
in ``--lang id`` output, for 250 vs 421 and for every code of the catalog."""

from __future__ import annotations

import json
import re
import subprocess
from importlib import resources

import pytest
from smtpreply import EnhancedCode, ReplyCode, compare, explain, render
from smtpreply.i18n import catalog_texts, text_hash, translate, translate_reference
from test_cli import SCRIPT

TABLE = json.loads(resources.files("smtpreply").joinpath("locale/id.json").read_text("utf-8"))
TEXTS = dict(catalog_texts())

# Words that no Indonesian sentence uses; one of them in `--lang id` output is English left over.
ENGLISH = re.compile(
    r"\b(the|a|an|is|are|was|were|be|been|and|or|but|of|to|in|on|at|by|for|from|with|without|not|no|when|whenever|"
    r"if|then|than|after|before|as|it|its|this|that|these|which|who|has|have|does|do|may|must|will|can|should|"
    r"only|any|every|some|again|later|yes|none|see|use|send|retry|fix|how|what|where)\b",
    re.IGNORECASE,
)
URL = re.compile(r"https?://\S+")


def leftover_english(out: str, allowed: tuple[str, ...] = ()) -> list[str]:
    for text in allowed:
        out = out.replace(text, "")
    out = URL.sub("", out)
    out = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", "", out)  # action ids such as retry_later
    out = re.sub(r"\b(done|reconnect|authenticate|give_up)\b(?=:)", "", out)
    out = out.replace("(From)", "")  # the header field's name
    return sorted({m.group(0) for m in ENGLISH.finditer(out) if not (m.group(0).isupper() and len(m.group(0)) > 1)})


def test_every_catalog_text_has_a_current_translation() -> None:
    missing = [k for k in TEXTS if k not in TABLE]
    stale = [k for k, english in TEXTS.items() if k in TABLE and TABLE[k][0] != text_hash(english)]
    orphans = [k for k in TABLE if k not in TEXTS]
    assert (missing, stale, orphans) == ([], [], []), "run bindings/python/tools/translations.py --check"
    assert len(TEXTS) > 400  # codes, enhanced codes, classes, subjects, actions, reasons


def test_translations_are_indonesian_and_not_copies() -> None:
    for key, (_, text) in TABLE.items():
        assert text and text != TEXTS[key], key
        assert not leftover_english(text), (key, text, leftover_english(text))


def test_a_changed_english_text_is_not_translated() -> None:
    english = TEXTS["reply.421.meaning"]
    assert translate(english, "id") == TABLE["reply.421.meaning"][1]
    assert translate(english + " (changed)", "id") == english + " (changed)"  # stale: falls back, test above fails
    assert translate(english, "en") == english
    with pytest.raises(ValueError):
        translate(english, "fr")
    assert translate_reference("RFC 5321 sections 4.2.3 and 4.3.2; RFC 3030", "id") == \
        "RFC 5321 bagian 4.2.3 dan 4.3.2; RFC 3030"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_no_english_in_id_compare_250_421_from_the_command(fmt: str) -> None:
    got = subprocess.run([SCRIPT, "compare", "250", "421", "--lang", "id", "--format", fmt],
                         capture_output=True, text=True, check=False, timeout=60)
    assert got.returncode == 0, got.stderr
    out = got.stdout
    if fmt == "html":
        out = re.sub(r"(?s)<style>.*?</style>", "", got.stdout)
        out = re.sub(r"<[^>]+>", " ", out)
    assert "Menjawab perintah:" in out and "Perbedaan Utama" in out and "Pelajari Lebih Lanjut" in out
    assert leftover_english(out) == []
    for english in TEXTS.values():
        assert english not in out


def test_no_english_in_id_output_for_every_basic_code() -> None:
    for value in range(1000):
        out = render(explain(ReplyCode(value)), "text", lang="id")
        assert leftover_english(out) == [], (value, leftover_english(out), out)


def test_no_english_in_id_output_for_every_enhanced_code() -> None:
    codes = [EnhancedCode(k, s, d) for k in (2, 4, 5) for s in range(8) for d in range(40)]
    codes += [EnhancedCode(5, 7, 606), EnhancedCode(4, 9, 1), EnhancedCode(5, 8, 0)]
    for code in codes:
        x = explain(code)
        allowed = (x.vendor.vendor, x.vendor.source) if x.vendor is not None else ()
        out = render(x, "text", lang="id")
        assert leftover_english(out, allowed) == [], (str(code), leftover_english(out, allowed), out)


@pytest.mark.parametrize("pair", [(250, 421), (450, 550), (552, 452), ("4.7.1", "5.7.1"), (250, 250)])
def test_no_english_in_id_comparisons(pair: tuple[object, object]) -> None:
    out = render(compare(*pair), "markdown", lang="id")  # type: ignore[call-overload]
    assert leftover_english(out) == [], leftover_english(out)
