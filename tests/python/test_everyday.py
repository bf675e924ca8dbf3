"""Issue 13, Python API: enums print as ids, advise()/explain() inputs,
smtplib/aiosmtplib interop with the command inferred, EnhancedCode ordering,
Reply.to_dict(), ehlo() of smtplib's tuple, options' types."""

from __future__ import annotations

import enum
import json
import logging

import pytest

import smtpreply
from smtpreply import (
    Action,
    CodeCheck,
    Command,
    Flag,
    Leniency,
    Reason,
    ReplyClass,
    TextEncoding,
    TrackFlag,
)

ENUMS = [getattr(smtpreply, name) for name in smtpreply.__all__
         if isinstance(getattr(smtpreply, name), enum.EnumMeta)]


# ---- point 10: enums print as their stable lower-case ids --------------------------
def test_every_enum_prints_its_id() -> None:
    assert len(ENUMS) >= 20
    for cls in ENUMS:
        for member in cls:
            if member.name is None:
                continue
            assert str(member) == member.name.lower(), member
            assert f"{member}" == member.name.lower()
            assert "%s" % member == member.name.lower()


def test_examples_of_the_issue(caplog: pytest.LogCaptureFixture) -> None:
    assert f"{Action.RETRY_LATER}" == "retry_later"
    assert str(ReplyClass.TRANSIENT_NEGATIVE) == "transient_negative"
    assert f"{Reason.MAILBOX_FULL:>14}|" == "  mailbox_full|"
    assert str(CodeCheck.NOT_LISTED) == "not_listed" and str(TextEncoding.UTF8) == "utf8"
    with caplog.at_level(logging.INFO):
        logging.getLogger("t").info("action=%s class=%s", Action.RETRY_LATER, ReplyClass.TRANSIENT_NEGATIVE)
    assert "action=retry_later class=transient_negative" in caplog.text


def test_int_and_flag_behaviour_is_kept() -> None:
    assert Action.RETRY_LATER == int(Action.RETRY_LATER) and isinstance(ReplyClass.TRANSIENT_NEGATIVE, int)
    assert f"{ReplyClass.TRANSIENT_NEGATIVE:d}" == "4" and f"{Command.RCPT:03d}" == f"{int(Command.RCPT):03d}"
    assert repr(Action.RETRY_LATER).startswith("<Action.RETRY_LATER")
    both = Flag.BARE_LF | Flag.EMPTY_LINE
    assert str(both) == "bare_lf|empty_line" and both & Flag.BARE_LF
    assert str(Flag(0)) == "0" and str(Leniency.NONE) == "none"
    assert str(TrackFlag.NO_PENDING_COMMAND) == "no_pending_command"
    # json.dumps writes an IntEnum as the int it is (json never asks an int
    # subclass); the JSON forms (to_dict(), --json) carry the ids.
    assert json.dumps(Action.RETRY_LATER) == str(int(Action.RETRY_LATER))
