"""Sending one rendered message by e-mail (Django's mail backend) or text (``messaging.sms``).

Errors come out as ``PermanentSendError`` (trying again can't help) or ``TransientSendError``, with a reason staff
can read and no address or content in it.
"""

import hashlib
import smtplib
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from messaging import sms
from messaging.models import Message
from messaging.rendering import Rendered
from messaging.sms import PermanentSendError, TransientSendError


def message_id(message: Message) -> str:
    """A stable Message-ID per outbox row: a repeat of the same row carries the same id, which mail systems use to
    spot duplicates. Opaque, so it says nothing about what the message is for."""
    digest = hashlib.sha256(message.key.encode()).hexdigest()[:20]
    domain = parseaddr(settings.MESSAGING_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<outbox-{message.pk}-{digest}@{domain}>"


def send_email(message: Message, address: str, rendered: Rendered) -> str:
    msgid = message_id(message)
    email = EmailMessage(
        subject=rendered.subject,
        body=rendered.body,
        from_email=settings.MESSAGING_FROM_EMAIL,
        to=[address],
        headers={"Message-ID": msgid, "Auto-Submitted": "auto-generated"},
        connection=get_connection(timeout=settings.MESSAGING_SEND_TIMEOUT),
    )
    try:
        email.send(fail_silently=False)
    except smtplib.SMTPRecipientsRefused:
        raise PermanentSendError("the mail server refused the address") from None
    except smtplib.SMTPResponseException as error:
        reason = f"the mail server answered {error.smtp_code}"
        if 500 <= error.smtp_code < 600 and not isinstance(error, smtplib.SMTPAuthenticationError):
            raise PermanentSendError(reason) from None
        raise TransientSendError(reason) from None
    except (smtplib.SMTPException, OSError) as error:
        raise TransientSendError(f"mail server unreachable ({type(error).__name__})") from None
    return msgid


def send(message: Message, channel: str, address: str, rendered: Rendered) -> str:
    """Send and return the provider's reference for it."""
    if channel == Message.Channel.EMAIL:
        return send_email(message, address, rendered)
    return sms.get_backend().send(address, rendered.body.strip(), key=f"outbox-{message.pk}")
