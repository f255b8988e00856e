from collections.abc import Iterator

import pytest

from tests.digest.support import SmtpSink, running_sink


@pytest.fixture
def smtp_sink() -> Iterator[SmtpSink]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it received."""
    with running_sink() as sink:
        yield sink
