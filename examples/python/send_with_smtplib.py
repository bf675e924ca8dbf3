#!/usr/bin/env python3
"""Send a message with smtplib and decide, per recipient, what to do about
each refusal with ``smtpreply.advise()``: deliver later, give up (bounce),
try another host...

    python examples/python/send_with_smtplib.py HOST PORT FROM TO [TO ...]

``advise()`` knows which command a reply answers from the exception's type
(``SMTPRecipientsRefused``: RCPT, ``SMTPSenderRefused``: MAIL,
``SMTPDataError``: end of DATA), so a 552 to RCPT is ``RETRY_LATER`` (RFC 5321
section 4.5.3.1.10), not the give-up that ``reply.is_transient`` would say.
"""

from __future__ import annotations

import smtplib
import sys
from email.message import EmailMessage

import smtpreply
from smtpreply import Action, Command


def send(host: str, port: int, sender: str, recipients: list[str]) -> dict[str, Action]:
    """Sends one message; returns what to do for each recipient (DONE when delivered)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, ", ".join(recipients), "test"
    message.set_content("Hello.\n")
    outcome = dict.fromkeys(recipients, Action.DONE)
    with smtplib.SMTP(host, port, timeout=30) as smtp:
        try:
            refused = smtp.send_message(message, sender, recipients)  # {rcpt: (code, msg)} refused ones
        except smtplib.SMTPRecipientsRefused as e:  # every recipient refused
            refused = e.recipients
        except smtplib.SMTPResponseException as e:  # MAIL or DATA refused: the same for everyone
            action = smtpreply.advise(e)  # the command comes from the exception's type
            return dict.fromkeys(recipients, action)
    for rcpt, reply in smtpreply.from_smtplib(refused).items():
        outcome[rcpt] = smtpreply.advise(reply, command=Command.RCPT)
    return outcome


def main(argv: list[str]) -> int:
    if len(argv) < 5:
        print(__doc__, file=sys.stderr)
        return 2
    host, port, sender, recipients = argv[1], int(argv[2]), argv[3], argv[4:]
    for rcpt, action in send(host, port, sender, recipients).items():
        print(f"{rcpt} {action}")  # "b@example.org retry_later"
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
