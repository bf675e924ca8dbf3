"""Sphinx configuration of the project's documentation (scripts/build_site.sh):
the source directory is the repository root, so README.md and docs/*.md are
read where they are (no copy), and the Python API reference is generated from
the installed package's docstrings."""

import smtpreply

project = "smtpreply"
release = version = smtpreply.__version__
extensions = ["myst_parser", "sphinx.ext.autodoc"]
root_doc = "docs/site/index"
include_patterns = ["README.md", "docs/*.md", "docs/site/*.md"]
exclude_patterns = ["build/**", "**/node_modules/**"]
source_suffix = {".md": "markdown"}
myst_heading_anchors = 3
suppress_warnings = ["myst.header", "myst.xref_missing", "misc.highlighting_failure"]
html_theme = "alabaster"
html_title = f"smtpreply {release}"
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {"font_family": "system-ui, sans-serif", "head_font_family": "system-ui, sans-serif"}
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
autodoc_typehints = "description"
