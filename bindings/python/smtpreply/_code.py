"""ReplyCode: a reply code that is an int, with what its digits say."""

from __future__ import annotations

import operator
from typing import SupportsIndex

from ._smtpreply import ReplyCategory, ReplyClass, _code_facts, _parse_code

__all__ = ["ReplyCode"]

# What the C++ reply_code says about every code 000-999, read once: class,
# category, is_valid, the six class predicates and the three digits.
_FACTS = tuple(_code_facts(value) for value in range(1000))


class ReplyCode(int):
    """A three-digit SMTP reply code, 000 to 999: an ``int`` (so it compares,
    hashes, sorts and serialises as one) that also says what its digits mean
    (RFC 5321 section 4.2.1). Like :class:`http.HTTPStatus`, but for any code:
    unknown codes are understood by their first digit, as RFC 5321 asks.
    Every fact comes from the C++ ``reply_code``.

    >>> code = ReplyCode(421)
    >>> code == 421, code.reply_class.name, code.category.name, code.is_transient
    (True, 'TRANSIENT_NEGATIVE', 'CONNECTIONS', True)
    >>> str(ReplyCode(5)), repr(ReplyCode(5))
    ('005', 'ReplyCode(5)')
    """

    __slots__ = ()

    def __new__(cls, value: SupportsIndex) -> ReplyCode:
        if isinstance(value, bool):
            raise ValueError(f"a reply code is between 0 and 999, not {value!r}")
        number = operator.index(value)
        _code_facts(number)  # raises ValueError outside 000-999
        return super().__new__(cls, number)

    @classmethod
    def parse(cls, text: str, *, allow_out_of_range: bool = False) -> ReplyCode:
        """Parses exactly three ASCII digits (``"421"``). Codes outside the
        RFC range (first digit 2-5, second 0-5) only with
        ``allow_out_of_range``. Raises :class:`~smtpreply.ParseError`
        (``invalid_code``, ``code_out_of_range``)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return cls(_parse_code(text, allow_out_of_range))

    @property
    def value(self) -> int:
        """The code as a plain ``int``."""
        return int(self)

    @property
    def first_digit(self) -> int:
        return int(_FACTS[self][9])

    @property
    def second_digit(self) -> int:
        return int(_FACTS[self][10])

    @property
    def third_digit(self) -> int:
        return int(_FACTS[self][11])

    @property
    def reply_class(self) -> ReplyClass:
        """What the first digit says; ``UNKNOWN`` outside 2-5."""
        return ReplyClass(_FACTS[self][0])

    @property
    def category(self) -> ReplyCategory:
        """What the second digit says; ``UNKNOWN`` outside 0-5."""
        return ReplyCategory(_FACTS[self][1])

    @property
    def is_valid(self) -> bool:
        """In the RFC 5321 range: first digit 2-5, second 0-5."""
        return bool(_FACTS[self][2])

    @property
    def is_positive(self) -> bool:
        """2yz or 3yz."""
        return bool(_FACTS[self][3])

    @property
    def is_positive_completion(self) -> bool:
        """2yz: the requested action was completed."""
        return bool(_FACTS[self][4])

    @property
    def is_positive_intermediate(self) -> bool:
        """3yz: accepted, send more (DATA, AUTH)."""
        return bool(_FACTS[self][5])

    @property
    def is_negative(self) -> bool:
        """4yz or 5yz."""
        return bool(_FACTS[self][6])

    @property
    def is_transient(self) -> bool:
        """4yz: the same request may succeed later."""
        return bool(_FACTS[self][7])

    @property
    def is_permanent(self) -> bool:
        """5yz: do not repeat the same request unchanged."""
        return bool(_FACTS[self][8])

    def __repr__(self) -> str:
        return f"ReplyCode({int(self)})"

    def __str__(self) -> str:
        return f"{int(self):03d}"

    def __format__(self, spec: str) -> str:
        return str(self) if not spec else int(self).__format__(spec)

    def __reduce__(self) -> tuple[type[ReplyCode], tuple[int]]:
        return (ReplyCode, (int(self),))
