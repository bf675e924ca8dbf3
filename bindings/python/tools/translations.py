#!/usr/bin/env python3
"""The translation tables of the catalog (bindings/python/smtpreply/locale/LANG.json).

  python bindings/python/tools/translations.py --check [--lang id]
      lists every catalog text without a current translation (new rows, and
      rows whose English changed: the stored SHA-1 no longer matches) and
      every translation whose row is gone; exits 1 if there is any.
  python bindings/python/tools/translations.py --merge NEW.json [--lang id]
      adds or replaces translations from {"reply.421.meaning": "text", ...},
      stamping each with the hash of the current English text.

The English comes from the installed package (the C++ tables), so install
the package first.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

from smtpreply.i18n import catalog_texts, text_hash

LOCALE = pathlib.Path(__file__).resolve().parents[1] / "smtpreply" / "locale"


def problems(lang: str) -> list[str]:
    table = json.loads((LOCALE / f"{lang}.json").read_text("utf-8"))
    texts = dict(catalog_texts())
    out = []
    for key, english in texts.items():
        if key not in table:
            out.append(f"missing  {key}: {english}")
        elif table[key][0] != text_hash(english):
            out.append(f"stale    {key}: {english}")
    out += [f"orphan   {key}" for key in table if key not in texts]
    return out


def merge(lang: str, new: dict[str, str]) -> None:
    path = LOCALE / f"{lang}.json"
    table = json.loads(path.read_text("utf-8")) if path.exists() else {}
    texts = dict(catalog_texts())
    for key, text in new.items():
        if key not in texts:
            raise SystemExit(f"no catalog text has the key {key}")
        table[key] = [text_hash(texts[key]), text]
    ordered = {key: table[key] for key in texts if key in table}
    ordered.update({k: v for k, v in table.items() if k not in ordered})
    body = ",\n".join(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in ordered.items())
    path.write_text("{\n" + body + "\n}\n", "utf-8")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--lang", default="id")
    p.add_argument("--check", action="store_true")
    p.add_argument("--merge", metavar="NEW.json")
    args = p.parse_args()
    if args.merge:
        merge(args.lang, json.loads(pathlib.Path(args.merge).read_text("utf-8")))
    found = problems(args.lang)
    for line in found:
        print(line)
    return 1 if found and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
