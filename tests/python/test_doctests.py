"""The examples in the package's docstrings are run as tests."""

from __future__ import annotations

import doctest
import importlib
import os

import pytest

MODULES = ["smtpreply", "smtpreply._code", "smtpreply._format", "smtpreply._options", "smtpreply.interop",
           "smtpreply.catalog", "smtpreply.render", "smtpreply.capabilities", "smtpreply.session", "smtpreply.i18n",
           "smtpreply.bulk", "smtpreply.frames"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    if name == "smtpreply.frames" and os.environ.get("SMTPREPLY_ALLOW_MISSING_FRAMES") == "1":
        pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install smtpreply[frames])")
        pytest.importorskip("pandas", reason="pandas is not installed (pip install smtpreply[frames])")
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "smtpreply._options":
        assert result.attempted > 0
