"""Sending over SMTP with aiosmtplib (STARTTLS, implicit TLS and AUTH as configured)."""

from email.message import EmailMessage

import aiosmtplib

from services.digest.errors import SendFailed
from services.digest.settings import SmtpSettings


class SmtpMailer:
    def __init__(self, settings: SmtpSettings) -> None:
        self._settings = settings

    async def send(self, message: EmailMessage, recipient: str) -> None:
        s = self._settings
        try:
            await aiosmtplib.send(
                message,
                recipients=[recipient],
                hostname=s.host,
                port=s.port,
                start_tls=s.starttls,
                use_tls=s.tls,
                username=s.username,
                password=s.password.get_secret_value() if s.password else None,
                timeout=s.timeout_s,
                cert_bundle=str(s.ca_file) if s.ca_file else None,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [e.code for e in exc.recipients]
            raise SendFailed(
                f"recipient refused (SMTP {codes})", transient=all(400 <= c < 500 for c in codes)
            ) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise SendFailed(
                f"SMTP {exc.code} from the server", transient=400 <= exc.code < 500
            ) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise SendFailed(
                f"SMTP connection failed: {type(exc).__name__}", transient=True
            ) from exc
