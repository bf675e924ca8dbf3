"""smtpreply: a fast, strict-by-default parser for SMTP server replies
(RFC 5321 section 4.2), with RFC 3463 enhanced status codes, a streaming
parser for pipelined connections, and named leniencies for what real servers
send. The core is the header-only C++ library of the same name.

>>> import smtpreply
>>> r = smtpreply.parse(b"421 4.3.2 Service shutting down\\r\\n")
>>> r.code, r.reply_class.name, str(r.enhanced), r.is_transient
(ReplyCode(421), 'TRANSIENT_NEGATIVE', '4.3.2', True)
>>> parser = smtpreply.ReplyParser()
>>> parser.feed(b"250-mx.example.org\\r\\n250 SIZE")
[]
>>> [reply.lines for reply in parser.feed(b" 1000\\r\\n")]
[('mx.example.org', 'SIZE 1000')]
"""

import sys as _sys

from . import bounces as bounces
from ._code import *  # noqa: F403
from ._errors import *  # noqa: F403
from ._format import *  # noqa: F403
from ._options import *  # noqa: F403
from ._smtpreply import *  # noqa: F403
from ._smtpreply import __version__ as __version__
from .bulk import *  # noqa: F403
from .capabilities import *  # noqa: F403
from .catalog import *  # noqa: F403
from .classify import *  # noqa: F403
from .frames import *  # noqa: F403
from .interop import *  # noqa: F403
from .render import *  # noqa: F403
from .session import *  # noqa: F403
from .transcripts import *  # noqa: F403

# The public names are the modules' own __all__ lists, each written once.
_MODULES = ("_code", "_errors", "_format", "_options", "_smtpreply", "bulk", "capabilities", "catalog", "classify",
            "frames", "interop", "render", "session", "transcripts")
__all__ = sorted({"__version__", "bounces"}.union(*(_sys.modules[f"{__name__}.{m}"].__all__ for m in _MODULES)))
