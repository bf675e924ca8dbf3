"""Translations of the catalog's texts. The English sentences live once, in
the C++ tables; ``locale/id.json`` holds their Indonesian counterparts keyed
by a readable id (``reply.421.meaning``) and the SHA-1 of the English text,
so a row whose English changes, or a new row, has no translation until one
is written (``tests/python/test_i18n.py`` fails, and
``bindings/python/tools/translations.py`` lists what is missing).

>>> translate("The server ends the session and closes the connection.", "id")
'Server mengakhiri sesi dan menutup koneksi.'
>>> translate("The server ends the session and closes the connection.", "en")
'The server ends the session and closes the connection.'
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from importlib import resources

from ._code import ReplyCode
from ._smtpreply import Action, EnhancedCode, Reason, _reason_table
from .catalog import explain

__all__ = ["LANGUAGES", "catalog_texts", "text_hash", "translate", "translate_reference"]

LANGUAGES = ("en", "id")


def text_hash(english: str) -> str:
    """The key of an English text in a translation table: 12 hex digits of its SHA-1."""
    return hashlib.sha1(english.encode("utf-8")).hexdigest()[:12]


_TABLES: dict[str, dict[str, tuple[str, str]]] = {}


def _table(lang: str) -> dict[str, tuple[str, str]]:
    """{hash: (key, text)} of a language's translation table (read once)."""
    if lang not in _TABLES:
        raw = json.loads(resources.files(__package__).joinpath(f"locale/{lang}.json").read_text("utf-8"))
        _TABLES[lang] = {h: (key, text) for key, (h, text) in raw.items()}
    return _TABLES[lang]


def translate(english: str, lang: str) -> str:
    """The text in ``lang``; the English itself for ``"en"``, for an empty
    text, or when no current translation exists (a test forbids that for
    every catalog text)."""
    if lang == "en" or not english:
        return english
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    found = _table(lang).get(text_hash(english))
    return found[1] if found is not None else english


# RFC references ("RFC 5321 sections 4.2.3 and 4.3.2; RFC 3030") keep their
# numbers; only these words change.
_REFERENCE_WORDS = {
    "id": {"sections": "bagian", "section": "bagian", "and": "dan", "IANA registry": "registri IANA"},
}


def translate_reference(reference: str, lang: str) -> str:
    """An RFC reference with its few English words in ``lang``."""
    words = _REFERENCE_WORDS.get(lang)
    if not words:
        return reference
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: words[m.group(1)], reference)


def catalog_texts() -> Iterator[tuple[str, str]]:
    """Every English text the catalog can show, as ``(key, text)``, read from
    the tables through ``explain()``: each basic code 0-999 (listed or
    explained by its digits), each enhanced code's class, subject and detail
    texts (classes 2, 4, 5, subjects 0-8, details 0-999: registry rows, vendor notes, class and subject texts),
    the actions and the reasons. A text shared by several rows is given
    once, under its first key."""
    seen: set[str] = set()

    def once(key: str, text: str) -> Iterator[tuple[str, str]]:
        if text and text not in seen:
            seen.add(text)
            yield key, text

    for value in range(1000):
        x = explain(ReplyCode(value))
        digit, cat = value // 100, value // 10 % 10
        yield from once(f"class.{digit}.name", x.class_name)
        yield from once(f"class.{digit}.meaning", x.class_meaning)
        yield from once(f"category.{cat}.name", x.category_name)
        yield from once(f"category.{cat}.meaning", x.category_meaning)
        where = f"reply.{value:03d}" if x.known else f"unlisted.{value:03d}"
        for field in ("name", "meaning", "when_seen", "how_to_fix"):
            yield from once(f"{where}.{field}", getattr(x, field))
    for klass in (2, 4, 5):
        for subject in range(9):  # 8: every subject RFC 3463 does not define
            for detail in range(1000 if subject < 8 else 1):
                e = explain(EnhancedCode(klass, subject, detail))
                yield from once(f"enhanced_class.{klass}.name", e.class_name)
                yield from once(f"enhanced_class.{klass}.description", e.class_description)
                yield from once(f"subject.{subject}.name", e.subject_name)
                yield from once(f"subject.{subject}.description", e.subject_description)
                if e.known:
                    yield from once(f"enhanced.{subject}.{detail}.name", e.name)
                    yield from once(f"enhanced.{subject}.{detail}.description", e.description)
                if e.vendor is not None:
                    yield from once(f"vendor.{klass}.{subject}.{detail}.name", e.vendor.name)
                    yield from once(f"vendor.{klass}.{subject}.{detail}.description", e.vendor.description)
    for action in Action:
        yield from once(f"action.{action.name.lower()}", action.__doc__ or "")
    for value, rid, description, _source in _reason_table:
        assert Reason(value).name.lower() == rid
        yield from once(f"reason.{rid}", description)
