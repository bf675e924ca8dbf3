#!/usr/bin/env python3
"""Regenerates bindings/python/smtpreply/_smtpreply.pyi from the built module.

    python bindings/python/tools/generate_stubs.py            # with smtpreply importable
    python bindings/python/tools/generate_stubs.py --check    # exit 1 if the file is stale

Runs pybind11-stubgen, then tidies what it cannot express well: enum
classes become plain ``NAME = value`` members (as typeshed writes enums),
and module constants get precise types instead of their values. The stage
script (scripts/test.d/40-python.sh) checks the committed file against the
module with ``python -m mypy.stubtest``.
"""

from __future__ import annotations

import enum
import importlib
import pathlib
import re
import subprocess
import sys
import tempfile
import types

MODULE = "smtpreply._smtpreply"
TARGET = pathlib.Path(__file__).resolve().parent.parent / "smtpreply" / "_smtpreply.pyi"
CONSTANT_TYPES = {
    "DEFAULT_LIMITS": "dict[str, int]",
    "ERROR_MESSAGES": "dict[str, str]",
    "__version__": "str",
    "_reason_table": "tuple[tuple[int, str, str, str], ...]",
}


def rewrite_enum(block: str, cls: type[enum.Enum]) -> str:
    head, _, _ = block.partition('    """\n')
    doc = re.search(r'    """\n.*?\n    """\n', block, re.S)
    members = "".join(f"    {name} = {member.value}\n" for name, member in cls.__members__.items())
    return head + (doc.group(0) if doc else "") + members


def rewrite_getset_class(block: str, cls: type) -> str:
    """A class written with the C API (Reply): pybind11-stubgen cannot see
    its getset properties and read-only members, so each is written from its
    docstring, whose first line is its signature ("name(self) -> type")."""
    head, _, _ = block.partition('    """\n')
    doc = re.search(r'    """\n.*?\n    """\n', block, re.S)
    out = ["@typing.final\n" + head, doc.group(0) if doc else ""]
    out.append("    def __eq__(self, other: object, /) -> bool: ...\n")
    out.append("    def __hash__(self) -> int: ...\n")
    for name, member in vars(cls).items():
        if isinstance(member, types.MethodDescriptorType) and not name.startswith("__"):
            signature, _, text = (member.__doc__ or "").partition("\n\n")
            m = re.fullmatch(rf"{name}\(self\) -> (.+)", signature)
            if not m:
                raise SystemExit(f"{cls.__name__}.{name}: docstring must start with '{name}(self) -> type'")
            out.append(f"    def {name}(self) -> {m.group(1)}:\n")
            out.append(f'        """\n        {text.strip()}\n        """\n')
            continue
        if name == "__reduce__":
            out.append("    def __reduce__(self) -> tuple[typing.Any, ...]: ...\n")
        if not isinstance(member, (types.GetSetDescriptorType, types.MemberDescriptorType)):
            continue
        signature, _, text = (member.__doc__ or "").partition("\n\n")
        m = re.fullmatch(rf"{name}\(self\) -> (.+)", signature)
        if not m:
            raise SystemExit(f"{cls.__name__}.{name}: docstring must start with '{name}(self) -> type'")
        out.append(f"    @property\n    def {name}(self) -> {m.group(1)}:\n")
        out.append(f'        """\n        {text.strip()}\n        """\n')
    return "".join(out)


def main() -> int:
    module = importlib.import_module(MODULE)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pybind11_stubgen", MODULE, "-o", tmp, "--exit-code"],
            check=True,
        )
        text = (pathlib.Path(tmp) / (MODULE.replace(".", "/") + ".pyi")).read_text()

    # Split into top-level blocks (a block starts at a line without indentation).
    blocks = re.split(r"(?m)^(?=\S)", text)
    out = []
    for block in blocks:
        m = re.match(r"class (\w+)\(enum\.\w+\):", block)
        if m:
            block = rewrite_enum(block, getattr(module, m.group(1)))
        m = re.match(r"class (\w+):", block)
        if m and type(getattr(module, m.group(1))) is type:  # not pybind11's metaclass: a C-API type
            block = rewrite_getset_class(block, getattr(module, m.group(1)))
        m = re.match(r"(\w+): [\w.\[\], ]+(?: = |\n)", block)
        if m and m.group(1) in CONSTANT_TYPES:
            block = f"{m.group(1)}: {CONSTANT_TYPES[m.group(1)]}\n"
        out.append(block)
    text = "".join(out)
    # EnhancedCode's __eq__/__ne__ return NotImplemented to foreign types: typed as object's.
    for op in ("__eq__", "__ne__"):
        text = text.replace(f"def {op}(self, other: typing.Any) -> typing.Any:",
                            f"def {op}(self, other: object) -> bool:")
    # pickle state arguments: a tuple of anything.
    text = text.replace("arg0: tuple)", "arg0: tuple[typing.Any, ...])")
    text = text.replace("__all__: list = ", "__all__: list[str] = ")
    for module_name in sorted(set(re.findall(r"\b(smtpreply\.\w+)\.\w+", text))):
        if f"import {module_name}\n" not in text:
            text = text.replace("import typing\n", f"import {module_name}\nimport typing\n", 1)
    if "--check" in sys.argv[1:]:
        if TARGET.read_text() != text:
            print(f"{TARGET} is stale: run {sys.argv[0]} and commit the result", file=sys.stderr)
            return 1
        print(f"{TARGET.name} is up to date")
        return 0
    TARGET.write_text(text)
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
