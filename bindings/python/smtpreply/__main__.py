"""``python -m smtpreply``: the same as the ``smtpreply`` command."""

import sys

from .cli import main

sys.exit(main())
