"""The examples in the package's docstrings are run as tests."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["smtpreply", "smtpreply._code", "smtpreply._format", "smtpreply._options", "smtpreply.interop",
           "smtpreply.catalog", "smtpreply.render", "smtpreply.capabilities", "smtpreply.session", "smtpreply.i18n",
           "smtpreply.bulk", "smtpreply.frames"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "smtpreply._options":
        assert result.attempted > 0
