#!/usr/bin/env python3
"""Send a message with aiosmtplib and decide, per recipient, what to do about
each refusal with ``smtpreply.advise()``.

    python examples/python/send_with_aiosmtplib.py HOST PORT FROM TO [TO ...]

``aiosmtplib.send()`` returns ``(errors, message)``: ``errors`` maps each
refused recipient to its ``SMTPResponse`` (the others were accepted) and
``message`` is the text of the final 250. It raises ``SMTPRecipientsRefused``
when every recipient is refused, ``SMTPSenderRefused`` (MAIL) and
``SMTPDataError`` (end of DATA); ``advise()`` reads the command from the
exception's type.
"""

from __future__ import annotations

import asyncio
import sys
from email.message import EmailMessage

import aiosmtplib
import smtpreply
from smtpreply import Action, Command


async def send(host: str, port: int, sender: str, recipients: list[str]) -> dict[str, Action]:
    """Sends one message; returns what to do for each recipient (DONE when delivered)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ", ".join(recipients), "test"
    message.set_content("Hello.\n")
    outcome = dict.fromkeys(recipients, Action.DONE)
    try:
        result = await aiosmtplib.send(message, sender=sender, recipients=recipients, hostname=host, port=port,
                                       timeout=30, start_tls=False)
    except aiosmtplib.SMTPRecipientsRefused as e:  # every recipient refused
        for rcpt, reply in smtpreply.from_aiosmtplib(e).items():
            outcome[rcpt] = smtpreply.advise(reply, command=Command.RCPT)
        return outcome
    except aiosmtplib.SMTPResponseException as e:  # MAIL or DATA refused: the same for everyone
        action = smtpreply.advise(e)
        return dict.fromkeys(recipients, action)
    for rcpt, reply in smtpreply.from_aiosmtplib(result).items():  # (errors, message): the refused ones
        outcome[rcpt] = smtpreply.advise(reply, command=Command.RCPT)
    return outcome


def main(argv: list[str]) -> int:
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    host, port, sender, recipients = argv[1], int(argv[2]), argv[3], argv[4:]
    for rcpt, action in asyncio.run(send(host, port, sender, recipients)).items():
        print(f"{rcpt} {action}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
