"""Must show: forged, replayed, cross-site and oversized requests are refused and store nothing."""

import asyncio
import datetime as dt
import json
import logging
import re
import time
from collections.abc import AsyncIterator, Callable
from html import unescape
from urllib.parse import urlencode, urlparse

import pytest

from services.ingest.domain.verification import sign_slack
from tests.ingest.harness import (
    API_TOKEN,
    OLD_SIGNING_SECRET,
    SIGNING_SECRET,
    TEAMS_TOKEN,
    Harness,
    IngestWith,
    command_body,
    form_post,
    mention_envelope,
    teams_activity,
)
from tests.support import wait_for

pytestmark = pytest.mark.connected


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """Rejections do not depend on the database kind: SQLite only keeps the suite fast."""
    return sqlite_url


@pytest.fixture
def collect() -> bool:
    return False  # nothing may reach the topic; the outbox count proves it


def signed(body: bytes, ts: str, secret: str = SIGNING_SECRET) -> dict[str, str]:
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sign_slack(body, ts, secret)}


BODY = command_body("Een moment dat niet mag binnenkomen.")

SIGNATURE_MATRIX: dict[str, Callable[[int], dict[str, str]]] = {
    "missing": lambda now: {},
    "missing timestamp": lambda now: {
        "X-Slack-Signature": sign_slack(BODY, str(now), SIGNING_SECRET)
    },
    "wrong secret": lambda now: signed(BODY, str(now), "not-the-secret"),
    "wrong signature": lambda now: {
        "X-Slack-Request-Timestamp": str(now),
        "X-Slack-Signature": "v0=00ff",
    },
    "stale (6 minutes old)": lambda now: signed(BODY, str(now - 360)),
    "from the future (6 minutes)": lambda now: signed(BODY, str(now + 360)),
    "non-numeric timestamp": lambda now: signed(BODY, "12a4"),
    "huge timestamp": lambda now: signed(BODY, "9" * 40),
    "signed another body": lambda now: signed(BODY + b"&x=1", str(now)),
}


@pytest.mark.parametrize("case", list(SIGNATURE_MATRIX))
async def test_slack_signature_matrix_gives_401_and_stores_nothing(
    ingest: Harness, case: str
) -> None:
    for path in ("/slack/commands", "/slack/events", "/slack/interactivity"):
        headers = SIGNATURE_MATRIX[case](int(time.time()))
        response = await ingest.slack_post(path, BODY, headers=headers)
        assert response.status_code == 401, (path, response.text)
    assert await ingest.stored() == 0
    assert ingest.slack.calls == []


async def test_a_signature_that_is_not_ascii_gives_401(ingest: Harness) -> None:
    """A 400 before, logged as a malformed payload rather than a security event (a robustness
    audit): the digest comparison raised on a latin-1 byte."""
    headers = [
        (b"Content-Type", b"application/x-www-form-urlencoded"),
        (b"X-Slack-Request-Timestamp", str(int(time.time())).encode()),
        (b"X-Slack-Signature", b"v0=\xe9abc"),
    ]
    for path in ("/slack/commands", "/slack/events", "/slack/interactivity"):
        response = await ingest.client.post(path, content=BODY, headers=headers)
        assert response.status_code == 401, (path, response.text)
    assert await ingest.stored() == 0


async def test_a_client_gone_before_its_body_is_whole_is_no_server_error(
    ingest: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """Found by a robustness audit: anyone could make every route log "Exception in ASGI
    application" (ClientDisconnect) by promising 1,000 bytes, sending 3 and hanging up."""
    port = urlparse(ingest.url).port
    assert port is not None

    async def counted() -> int:  # the counter is the process's: count from where it stood
        metrics = (await ingest.client.get("/metrics")).text
        pattern = r'mango_ingest_rejected_total\{reason="client_disconnected",route="[^"]+"\} (\S+)'
        return int(sum(float(n) for n in re.findall(pattern, metrics)))

    before = await counted()
    for path in ("/slack/commands", "/teams/messages", "/api/v1/moments", "/moments/new"):
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
            f"Authorization: Bearer {API_TOKEN}\r\n"  # the API reads no body without it
            "Content-Type: application/x-www-form-urlencoded\r\n\r\nabc".encode()
        )
        await writer.drain()
        writer.close()
        await writer.wait_closed()
    seen = before
    deadline = time.monotonic() + 10
    while seen < before + 4 and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        seen = await counted()
    assert seen == before + 4
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await ingest.stored() == 0


async def test_invalid_utf8_body_gives_401(ingest: Harness) -> None:
    body = b"text=\xff\xfe&team_id=T0AZVB001"
    response = await ingest.slack_post(
        "/slack/commands", body, headers=signed(body, str(int(time.time())))
    )
    assert response.status_code == 401
    assert await ingest.stored() == 0


async def test_both_signing_secrets_work_during_rotation(ingest: Harness) -> None:
    for secret in (SIGNING_SECRET, OLD_SIGNING_SECRET):
        body = command_body(f"Signed with the {secret[-7:]} secret")
        response = await ingest.slack_post(
            "/slack/commands", body, headers=signed(body, str(int(time.time())), secret)
        )
        assert response.status_code == 200
    assert await ingest.stored() == 2


async def test_url_verification_answers_the_challenge(ingest: Harness) -> None:
    response = await ingest.event({"type": "url_verification", "challenge": "c-123", "token": "x"})
    assert response.json() == {"challenge": "c-123"}
    for odd in ({"type": "url_verification"}, {"type": "url_verification", "challenge": {}}):
        assert (await ingest.event(odd)).status_code == 400


async def test_teams_wrong_token_unknown_team_stale_and_replay(ingest: Harness) -> None:
    other = "ZGlmZmVyZW50LXRva2VuLWRpZmZlcmVudC10b2tlbg=="
    assert (await ingest.teams(teams_activity("Hallo"), token=other)).status_code == 401
    unknown = teams_activity("Hallo", team="19:unknown@thread.tacv2")
    assert (await ingest.teams(unknown, token=TEAMS_TOKEN)).status_code == 401
    stale = teams_activity("Hallo", when=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10))
    assert (await ingest.teams(stale)).status_code == 401
    missing = await ingest.client.post(
        "/teams/messages", content=json.dumps(teams_activity("Hallo")).encode()
    )
    assert missing.status_code == 401
    assert await ingest.stored() == 0
    # The token of another team does not open this one (several teams, several tokens).
    from tests.ingest.harness import DENNEBOOM_TOKEN

    assert (await ingest.teams(teams_activity("Hallo"), token=DENNEBOOM_TOKEN)).status_code == 401
    # A replay of an accepted activity is stored once.
    activity = teams_activity("Een keer, ook al komt het twee keer.")
    assert (await ingest.teams(activity)).status_code == 200
    assert (await ingest.teams(activity)).status_code == 200
    assert await ingest.stored() == 1


@pytest.mark.parametrize(
    "shape",
    [
        {"channelData": "x"},
        {"channelData": {"team": ["x"]}},
        {"channelData": {"team": {"id": 5}}},
        {"channelData": {"teamsTeamId": {"id": "x"}}},
        {"conversation": "x", "channelData": {}},
    ],
    ids=[
        "channelData a string",
        "team a list",
        "team id a number",
        "team id an object",
        "conversation a string",
    ],
)
async def test_a_teams_activity_of_another_shape_claims_no_team(
    ingest: Harness, shape: dict[str, object]
) -> None:
    """A 401 like any activity of no known team (a 400 before, before the signature was
    checked: a robustness audit)."""
    activity = {**teams_activity("Hallo"), **shape}
    response = await ingest.teams(activity)
    assert (response.status_code, response.text) == (401, "unknown_team")
    assert await ingest.stored() == 0


async def test_form_without_valid_csrf_gives_403_and_stores_nothing(ingest: Harness) -> None:
    page, csrf = await ingest.form(lang="en")
    assert 'lang="en"' in page.text
    form = {
        "lang": "en",
        "department": "az-voorbeeld/geriatrie",
        "kind": "moment",
        "beneficiary": "patient",
        "text": "A moment.",
    }
    no_token = await ingest.client.post("/moments/new", data=form)
    assert no_token.status_code == 403
    assert "expired" in no_token.text
    forged = await ingest.client.post("/moments/new", data={**form, "csrf": csrf[:-2] + "00"})
    assert forged.status_code == 403
    ingest.client.cookies.clear()  # a cross-site post has the token but not our cookie
    no_cookie = await ingest.client.post("/moments/new", data={**form, "csrf": csrf})
    assert no_cookie.status_code == 403
    assert await ingest.stored() == 0


async def test_form_rerenders_with_input_and_errors_next_to_fields(ingest: Harness) -> None:
    _, csrf = await ingest.form(**{"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"})
    response = await ingest.client.post(
        "/moments/new",
        data={
            "csrf": csrf,
            "lang": "fr",
            "department": "",
            "kind": "moment",
            "text": "Mon texte <b>gardé</b>",
            "title": "x" * 250,
        },
    )
    assert response.status_code == 400
    html = response.text
    assert 'lang="fr"' in html
    assert "Mon texte &lt;b&gt;gardé&lt;/b&gt;</textarea>" in html  # kept, and escaped
    assert 'id="department-error">Choisissez un service.' in html
    assert 'id="beneficiary-error">' in html
    assert 'id="title-error">200 caractères au maximum.' in html
    assert await ingest.stored() == 0


def language_switch(html: str, to: str) -> dict[str, str]:
    """What pressing a language of the page's language switch posts (its form's fields)."""
    nav = html.split('<nav class="lang"', 1)[1].split("</nav>", 1)[0]
    assert '<form method="post" action="/moments/new"' in nav, "the switch is a form"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', nav))
    return {**{k: unescape(v) for k, v in fields.items()}, "switch_lang": to}


async def test_the_language_switch_of_a_form_that_came_back_keeps_what_was_typed(
    ingest: Harness,
) -> None:
    _, csrf = await ingest.form()
    text = "Mevrouw kreeg haar soep <b>warm</b> & op tijd."
    typed = {**form_post(csrf, text, title="Soep"), "beneficiary": "", "anonymous": "1"}
    invalid = await ingest.client.post("/moments/new", data=typed)
    assert invalid.status_code == 400
    assert 'lang="nl"' in invalid.text
    switched = await ingest.client.post("/moments/new", data=language_switch(invalid.text, "fr"))
    assert switched.status_code == 200
    html = switched.text
    assert '<html lang="fr">' in html
    assert "Mevrouw kreeg haar soep &lt;b&gt;warm&lt;/b&gt; &amp; op tijd.</textarea>" in html
    assert '<option value="az-voorbeeld/spoed" selected>' in html
    assert 'name="title" maxlength="200" value="Soep"' in html
    assert 'name="anonymous" value="1" checked' in html
    assert 'class="error"' not in html  # a switch is not a post: no errors, nothing stored
    assert await ingest.stored() == 0
    # The page that came back posts (its token is fresh), in the language chosen.
    fresh = re.search(r'name="csrf" value="([^"]+)"', html)
    assert fresh is not None
    sent = await ingest.client.post(
        "/moments/new", data={**form_post(fresh.group(1), text), "lang": "fr"}
    )
    assert sent.status_code == 200, sent.text
    assert '<html lang="fr">' in sent.text
    assert await ingest.stored() == 1
    # A switch with a forged token shows nothing of what it carries.
    forged = await ingest.client.post(
        "/moments/new", data={**language_switch(invalid.text, "en"), "csrf": "forged"}
    )
    assert forged.status_code == 403
    assert "Mevrouw kreeg" not in forged.text
    # A form that comes back from nothing typed (a fresh page) switches by a plain link.
    page, _ = await ingest.form()
    assert 'name="switch_lang"' not in page.text
    assert 'href="?lang=fr"' in page.text


async def test_form_defaults_to_dutch_and_follows_accept_language(ingest: Harness) -> None:
    dutch, _ = await ingest.form()
    assert 'lang="nl"' in dutch.text
    assert "Deel een Mango-moment" in dutch.text
    english, _ = await ingest.form(**{"Accept-Language": "en-GB,en;q=0.8"})
    assert 'lang="en"' in english.text
    assert '<label for="text">' in english.text


async def test_form_is_rate_limited(ingest: Harness) -> None:
    statuses = []
    for _ in range(12):
        _, csrf = await ingest.form()
        response = await ingest.client.post(
            "/moments/new", data={"csrf": csrf, "text": "", "department": ""}
        )
        statuses.append(response.status_code)
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]
    # Colleagues behind one address share the limit: what this one typed comes back.
    _, csrf = await ingest.form()
    limited = await ingest.client.post(
        "/moments/new",
        data={"csrf": csrf, "text": "Soep voor iedereen", "department": "az-voorbeeld/spoed"},
    )
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "60"
    assert "Soep voor iedereen</textarea>" in limited.text
    assert '<option value="az-voorbeeld/spoed" selected>' in limited.text
    assert "te veel berichten na elkaar" in limited.text
    assert "<title>Fout: Deel een Mango-moment" in limited.text
    assert await ingest.stored() == 0


async def test_forged_posts_never_use_up_the_rate_limit(ingest: Harness) -> None:
    """Found by a robustness audit: the limit was counted before the token, so the eleventh
    forged post came back as a ready-to-send form with its text and a fresh token, and
    colleagues behind the same address were locked out."""
    forged = {"text": "NIET VAN ONS", "department": "az-voorbeeld/spoed", "kind": "moment"}
    for _ in range(12):
        response = await ingest.client.post("/moments/new", data={**forged, "csrf": "forged"})
        assert response.status_code == 403
        assert "NIET VAN ONS" not in response.text
        assert 'name="csrf"' not in response.text
    _, csrf = await ingest.form()
    genuine = await ingest.client.post(
        "/moments/new", data={"csrf": csrf, "text": "", "department": ""}
    )
    assert genuine.status_code == 400  # a field error, not 429: the limit is still whole
    assert await ingest.stored() == 0


async def test_only_a_ticked_box_is_consent(ingest: Harness) -> None:
    """Found by a robustness audit: any value of `share_external`, "0" and "false" too, was
    taken as consent to share with external partners."""
    for value in ("0", "false", "off", "no"):
        _, csrf = await ingest.form()
        refused = await ingest.client.post(
            "/moments/new",
            data={**form_post(csrf, ""), "share_external": value, "anonymous": value},
        )
        assert refused.status_code == 400  # no text: the form comes back
        assert 'name="share_external" value="1" aria-describedby="consent">' in refused.text
        assert 'name="anonymous" value="1">' in refused.text
        _, csrf = await ingest.form()
        sent = await ingest.client.post(
            "/moments/new", data={**form_post(csrf, f"Soep {value}"), "share_external": value}
        )
        assert sent.status_code == 200, sent.text
    assert [m.sharing.external for m in await ingest.stored_moments()] == [False] * 4


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("nl", "Niet verstuurd"), ("fr", "Pas envoyé"), ("en", "Not sent")],
)
async def test_a_refused_post_says_so_in_its_title_and_heading(
    ingest: Harness, lang: str, heading: str
) -> None:
    response = await ingest.client.post(
        "/moments/new",
        data={"csrf": "forged", "lang": lang, "text": "Soep"},
        headers={"Accept-Language": lang},
    )
    assert response.status_code == 403
    assert f"<title>{heading} · Mangomoment</title>" in response.text
    assert f"<h1>{heading}</h1>" in response.text
    assert "Soep" not in response.text  # a forged post never comes back ready to send


async def test_oversized_body_gives_413_without_being_read_whole(ingest: Harness) -> None:
    # Announce 10 MB, send only the first 1 KiB: the answer comes before the rest is sent.
    address = urlparse(ingest.url)
    reader, writer = await asyncio.open_connection(address.hostname, address.port)
    try:
        writer.write(
            b"POST /slack/commands HTTP/1.1\r\nHost: ingest\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 10000000\r\n\r\n" + b"x" * 1024
        )
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 5)
    finally:
        writer.close()
    assert status_line.startswith(b"HTTP/1.1 413")

    # Without a Content-Length (chunked), reading stops at the cap.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(200):
            yield b"y" * 1024

    for path in ("/slack/events", "/teams/messages", "/moments/new", "/api/v1/moments"):
        headers = {"Authorization": "Bearer api-token-for-az-voorbeeld-0123456789"}
        response = await ingest.client.post(path, content=chunks(), headers=headers)
        assert response.status_code == 413, path
    assert await ingest.stored() == 0


async def test_malformed_payloads_are_4xx_never_500(ingest: Harness) -> None:
    cases = [
        ("/slack/events", b"not json"),
        ("/slack/events", b"[]"),
        ("/slack/interactivity", b"payload=not-json"),
        ("/slack/interactivity", b"nothing=here"),
        ("/slack/commands", b"team_id=T0AZVB001&channel_id=C0ONCO001&text=hi"),
        ("/slack/commands", b"team_id=T0AZVB001&channel_id=C0ONCO001&text=caf%E9&trigger_id=1"),
    ]
    for path, body in cases:
        response = await ingest.slack_post(path, body, headers=signed(body, str(int(time.time()))))
        assert 400 <= response.status_code < 500, (path, body, response.status_code)
    envelope = mention_envelope("x" * 5000)
    response = await ingest.event(envelope)
    assert response.status_code == 200  # Slack needs 200; the user gets an ephemeral reason
    await asyncio.sleep(0)
    assert await ingest.stored() == 0


async def test_json_nested_deeper_than_the_parser_is_4xx_never_500(ingest: Harness) -> None:
    now = str(int(time.time()))
    deep = b"[" * 20_000 + b"]" * 20_000  # 40 KB, under the body cap
    events = await ingest.slack_post("/slack/events", deep, headers=signed(deep, now))
    assert events.status_code == 400
    form = b"payload=" + b"%5B" * 6_000 + b"%5D" * 6_000
    interactivity = await ingest.slack_post("/slack/interactivity", form, headers=signed(form, now))
    assert interactivity.status_code == 400
    teams = await ingest.client.post("/teams/messages", content=deep)  # before any signature
    assert teams.status_code == 401
    assert await ingest.stored() == 0


INVISIBLE = ["\u2060", "\ufeff", "\u00ad", "\u034f", "\u3164", "\u2800", "\U000e0020", " \u200b "]


@pytest.mark.parametrize("text", INVISIBLE, ids=[f"U+{ord(t.strip()[0]):04X}" for t in INVISIBLE])
async def test_text_nobody_can_see_is_refused_everywhere(ingest: Harness, text: str) -> None:
    required = "Beschrijf je moment."
    command = await ingest.command(text)
    assert command.json()["text"] == required
    teams = await ingest.teams(teams_activity(f"<at>Mango</at> {text}"))
    assert teams.json()["text"] == required
    api = await ingest.client.post(
        "/api/v1/moments",
        json={"department_id": "spoed", "beneficiary": "patient", "text": text},
        headers={"Authorization": f"Bearer {API_TOKEN}"},
    )
    assert api.status_code == 422
    assert api.json()["errors"]["text"] == required
    _, csrf = await ingest.form()
    form = await ingest.client.post("/moments/new", data=form_post(csrf, text))
    assert form.status_code == 400
    assert required in form.text
    assert await ingest.stored() == 0


async def test_a_text_that_is_not_a_string_is_refused_not_stringified(ingest: Harness) -> None:
    for value in ({"Quirinus": 1}, 12345, True, ["x"]):
        envelope = mention_envelope("placeholder")
        envelope["event"]["text"] = value
        assert (await ingest.event(envelope)).status_code == 400, value
        envelope = mention_envelope("Soep voor de nacht.")  # the message's time stamp too
        envelope["event"]["ts"] = value
        assert (await ingest.event(envelope)).status_code == 400, value
        activity = teams_activity("placeholder")
        activity["text"] = value
        assert (await ingest.teams(activity)).status_code == 400, value
    assert await ingest.stored() == 0


async def test_a_mention_without_its_author_is_refused(ingest: Harness) -> None:
    """Found by fuzzing the endpoints: an `app_mention` without `user` was stored under an
    empty user id, and no one was told."""
    for value in (None, ""):
        envelope = mention_envelope("Soep voor de nacht.")
        if value is None:
            del envelope["event"]["user"]
        else:
            envelope["event"]["user"] = value
        response = await ingest.event(envelope)
        assert response.status_code == 400
        assert response.text == "missing_user"
    assert await ingest.stored() == 0


async def test_api_errors_in_fields_a_person_fills_are_in_their_language(
    ingest: Harness,
) -> None:
    async def errors(body: dict[str, object]) -> dict[str, str]:
        response = await ingest.client.post(
            "/api/v1/moments", json=body, headers={"Authorization": f"Bearer {API_TOKEN}"}
        )
        assert response.status_code == 422
        found: dict[str, str] = response.json()["errors"]
        return found

    french = await errors({"department_id": "spoed", "text": "x" * 4001, "language": "fr"})
    assert french == {
        "beneficiary": "Choisissez pour qui était ce moment.",
        "text": "4000 caractères au maximum.",
    }
    # No language in the body: the organisation's (Dutch). Whitespace is no text.
    dutch = await errors({"department_id": "spoed", "beneficiary": "patient", "text": "   "})
    assert dutch == {"text": "Beschrijf je moment."}
    # Consent only as JSON true (a robustness audit: "yes" was stored as consent).
    for value in ("yes", "on", "t", "1", 1, 1.0):
        lax = {"department_id": "spoed", "beneficiary": "patient", "text": "Ok"}
        assert list(await errors({**lax, "share_external": value})) == ["share_external"]
    # What only an integrator gets wrong keeps pydantic's words.
    extra = await errors(
        {"department_id": "spoed", "beneficiary": "patient", "text": "Ok", "colour": "red"}
    )
    assert list(extra) == ["colour"]
    assert "Extra inputs are not permitted" in extra["colour"]
    assert await ingest.stored() == 0


async def test_api_language_that_is_no_string_is_a_field_error(ingest: Harness) -> None:
    """Found by fuzzing the endpoints: a list there answered 400 "malformed_payload"."""
    values: tuple[object, ...] = (["fr"], {})
    for value in values:
        response = await ingest.client.post(
            "/api/v1/moments",
            json={
                "department_id": "spoed",
                "beneficiary": "patient",
                "text": "Ok",
                "language": value,
            },
            headers={"Authorization": f"Bearer {API_TOKEN}"},
        )
        assert response.status_code == 422
        assert list(response.json()["errors"]) == ["language"]
    assert await ingest.stored() == 0


async def test_api_counts_length_as_the_form_does_and_refuses_in_json(
    ingest_with: IngestWith,
) -> None:
    """Found by a robustness audit: the API counted 4,000 "é" typed as e + U+0301 as 8,000
    characters (the form and Slack took them), and answered its refusals in plain text, a 429
    without `Retry-After`."""
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    async with ingest_with(form_rate_limit=2) as ingest:
        body = {"department_id": "spoed", "beneficiary": "patient", "text": "e\u0301" * 4000}
        accepted = await ingest.client.post("/api/v1/moments", json=body, headers=headers)
        assert accepted.status_code == 201, accepted.text
        spaced = {**body, "text": "a" * 3999 + "\u200b" * 10}
        assert (
            await ingest.client.post("/api/v1/moments", json=spaced, headers=headers)
        ).status_code == 201
        limited = await ingest.client.post("/api/v1/moments", json=body, headers=headers)
        assert limited.status_code == 429
        assert limited.headers["retry-after"] == "60"
        assert limited.json() == {"error": "rate_limited"}
        wrong = await ingest.client.post(
            "/api/v1/moments", json=body, headers={"Authorization": "Bearer wrong"}
        )
        assert (wrong.status_code, wrong.json()) == (401, {"error": "bad_token"})
        assert await ingest.stored() == 2


async def test_head_on_the_form_is_a_get_and_never_posts(ingest: Harness) -> None:
    _, csrf = await ingest.form()
    data = form_post(csrf, "Een HEAD mag niets plaatsen.")
    response = await ingest.client.request(
        "HEAD",
        "/moments/new",
        content=urlencode(data).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 200
    assert await ingest.stored() == 0


async def test_form_bodies_no_browser_sends_get_a_page_in_the_persons_language(
    ingest: Harness,
) -> None:
    _, csrf = await ingest.form(lang="fr")
    fields = form_post(csrf, "Un moment.", lang="fr")
    french = {"Accept-Language": "fr-BE,fr;q=0.9"}
    unreadable = "Votre formulaire n'a pas pu être lu"
    for content_type, status in (
        ("text/plain", 415),
        ("multipart/form-data; boundary=x", 415),
        ("application/x-www-form-urlencoded; Charset=ISO-8859-1", 415),
    ):
        response = await ingest.client.post(
            "/moments/new",
            content=urlencode(fields).encode(),
            headers={**french, "Content-Type": content_type},
        )
        assert response.status_code == status
        assert 'lang="fr"' in response.text
        assert unreadable in response.text.replace("&#39;", "'")
    invalid = await ingest.client.post(
        "/moments/new",
        content=b"text=%FF&csrf=x&lang=fr\xff",
        headers={**french, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert invalid.status_code == 400
    assert unreadable in invalid.text.replace("&#39;", "'")
    # ... and percent-encoded bytes that are no UTF-8, in a body that is ASCII itself (a
    # robustness audit: they became U+FFFD and the post went on)
    encoded = await ingest.client.post(
        "/moments/new",
        content=urlencode(fields).encode() + b"&title=caf%E9",
        headers={**french, "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"},
    )
    assert encoded.status_code == 400
    assert unreadable in encoded.text.replace("&#39;", "'")
    for token in (csrf.replace(".", ".\u00b2", 1), "n." + "9" * 5000 + ".abc"):
        response = await ingest.client.post("/moments/new", data={**fields, "csrf": token})
        assert response.status_code == 403, token[:20]
    assert await ingest.stored() == 0
    # Media types are case-insensitive: this one is the form's own.
    accepted = await ingest.client.post(
        "/moments/new",
        content=urlencode(fields).encode(),
        headers={**french, "Content-Type": "Application/X-WWW-Form-Urlencoded"},
    )
    assert accepted.status_code == 200
    assert await ingest.stored() == 1


def message_shortcut(**changes: object) -> dict[str, object]:
    """The "Share as Mango moment" shortcut on a message in oncology's channel."""
    return {
        "type": "message_action",
        "callback_id": "share_as_mango_moment",
        "trigger_id": "1111.2222.shortcut",
        "team": {"id": "T0AZVB001"},
        "channel": {"id": "C0ONCO001"},
        "user": {"id": "U0NURSE03"},
        "message": {"text": "Meneer Peeters mocht zijn hond nog eens zien.", "ts": "1700.1"},
        **changes,
    }


async def test_logs_carry_ids_and_counts_never_text_or_names(
    ingest: Harness, production_logs: Callable[[], list[str]]
) -> None:
    # Logging exactly as the service sets it up, even at DEBUG (libraries included).
    secret_words = ("Zebedeus", "Quirinus", "0475 99 88 77")
    response = await ingest.command(f"{secret_words[0]} {secret_words[1]} belt {secret_words[2]}")
    assert response.status_code == 200
    forged = command_body(f"{secret_words[0]} vervalst")
    await ingest.slack_post("/slack/commands", forged, headers={})
    # A shortcut opens a modal prefilled with the message: slack_sdk logs that request at DEBUG.
    shortcut = await ingest.interactivity(
        message_shortcut(message={"text": f"{secret_words[1]} kreeg bezoek.", "ts": "1700.1"})
    )
    assert shortcut.status_code == 200
    assert len(ingest.slack.of("views.open")) == 1
    lines = production_logs()
    assert lines, "the service logged"
    for line in lines:
        for word in secret_words:
            assert word not in line, line
    entries = [json.loads(line) for line in lines]
    assert any(entry.get("event_id") for entry in entries)
    assert any(entry.get("reason") == "missing_signature" for entry in entries)


async def test_a_shortcut_whose_modal_cannot_open_tells_the_person_to_try_again(
    ingest: Harness,
) -> None:
    shortcut = message_shortcut(
        trigger_id="1111.2222.expired", response_url=ingest.slack.response_url()
    )
    response = await ingest.interactivity(shortcut)
    assert response.status_code == 200
    await wait_for(lambda: bool(ingest.slack.follow_ups()), what="a follow-up")
    assert ingest.slack.follow_ups() == ["Het lukte even niet. Probeer het zo nog eens."]
    # Not to a URL that is not Slack's.
    foreign = {**shortcut, "response_url": "https://example.org/collect"}
    await ingest.interactivity(foreign)
    await asyncio.sleep(0.5)
    assert len(ingest.slack.follow_ups()) == 1
    assert await ingest.stored() == 0


def modal_submission(**view: object) -> dict[str, object]:
    """A complete, valid submission of the modal; `view` changes its view's fields."""
    values = {
        "kind": {"value": {"type": "static_select", "selected_option": {"value": "moment"}}},
        "beneficiary": {
            "value": {"type": "static_select", "selected_option": {"value": "patient"}}
        },
        "department": {"value": {"type": "static_select", "selected_option": {"value": "spoed"}}},
        "text": {"value": {"type": "plain_text_input", "value": "Soep voor de nachtploeg."}},
    }
    return {
        "type": "view_submission",
        "team": {"id": "T0AZVB001"},
        "user": {"id": "U0NURSE03", "name": "nurse.three"},
        "view": {
            "id": "V0MODAL09",
            "callback_id": "mango_moment",
            "private_metadata": json.dumps({"channel": "C0ONCO001"}),
            "state": {"values": values},
            **view,
        },
    }


async def test_only_this_apps_modal_and_shortcut_are_acted_on(ingest: Harness) -> None:
    """Found by a robustness audit: a submission of any view, and any shortcut, was taken for
    the modal's; and a channel in the view's metadata that was no string was found bad only
    after the moment was stored (stored, yet answered 400)."""
    for view in ({"callback_id": "another_apps_view"}, {"callback_id": None}):
        refused = await ingest.interactivity(modal_submission(**view))
        assert (refused.status_code, refused.text) == (400, "unknown_view")
    for metadata in ('{"channel": 5}', '{"channel": ["C1"]}'):
        refused = await ingest.interactivity(modal_submission(private_metadata=metadata))
        assert (refused.status_code, refused.text) == (400, "malformed_payload")
    assert await ingest.stored() == 0
    shortcut = message_shortcut(callback_id="another_apps_shortcut")
    assert (await ingest.interactivity(shortcut)).status_code == 200
    assert ingest.slack.of("views.open") == []
    accepted = await ingest.interactivity(modal_submission())
    assert accepted.json()["response_action"] == "update"
    assert await ingest.stored() == 1


async def test_a_teams_channel_not_linked_to_a_department_is_told_who_can_link_it(
    ingest: Harness,
) -> None:
    activity = teams_activity("<at>Mango</at> Koffie voor de nacht.", channel="19:unmapped")
    response = await ingest.teams(activity)
    assert response.status_code == 200
    text = response.json()["text"]
    assert "Mango-ambassadeur" in text
    assert "/mango" not in text  # a Slack command means nothing in Teams
    assert await ingest.stored() == 0


async def test_a_form_left_open_too_long_comes_back_with_the_text_kept(ingest: Harness) -> None:
    _, csrf = await ingest.form()
    intake = ingest.app.state.ingest
    later = time.time() + 3 * 3600  # the token lasts 2 hours; the nurse was away for 3
    intake.clock = lambda: later
    text = "Mevrouw kreeg haar lievelingsmuziek bij het wassen."
    expired = await ingest.client.post("/moments/new", data=form_post(csrf, text))
    assert expired.status_code == 403
    assert "Je tekst staat er nog" in expired.text
    assert f">{text}</textarea>" in expired.text
    assert '<option value="az-voorbeeld/spoed" selected>' in expired.text
    assert await ingest.stored() == 0
    fresh = re.search(r'name="csrf" value="([^"]+)"', expired.text)
    assert fresh is not None
    assert fresh.group(1) != csrf
    sent = await ingest.client.post("/moments/new", data=form_post(fresh.group(1), text))
    assert sent.status_code == 200, sent.text
    assert await ingest.stored() == 1


@pytest.mark.parametrize("word", ["help", " Hulp ", "aide", "?"])
async def test_mango_help_explains_and_posts_nothing(ingest: Harness, word: str) -> None:
    response = await ingest.command(word)
    assert response.status_code == 200
    reply = response.json()
    assert reply["response_type"] == "ephemeral"
    assert "/mango" in reply["text"]
    assert "#praktijk" in reply["text"]
    assert "<" not in reply["text"]  # Slack would read it as markup
    await asyncio.sleep(0.3)
    assert await ingest.stored() == 0


async def test_at_mango_help_in_teams_explains_and_posts_nothing(ingest: Harness) -> None:
    response = await ingest.teams(teams_activity("<at>Mango</at> hulp"))
    assert response.status_code == 200
    text = response.json()["text"]
    assert "@Mango" in text
    assert "/mango" not in text
    assert await ingest.stored() == 0


async def post_from(ingest: Harness, address: str) -> int:
    """A form post that arrives through the reverse proxy for `address`."""
    _, csrf = await ingest.form()
    response = await ingest.client.post(
        "/moments/new",
        data={"csrf": csrf, "text": "", "department": ""},
        headers={"X-Forwarded-For": address},
    )
    return response.status_code


async def test_behind_a_trusted_proxy_each_person_has_their_own_rate_limit(
    ingest: Harness,
) -> None:
    # The test client connects from 127.0.0.1, the default MANGO_TRUSTED_PROXIES: the proxy.
    first = [await post_from(ingest, "10.20.0.11") for _ in range(11)]
    assert first == [400] * 10 + [429]
    assert await post_from(ingest, "10.20.0.12") == 400  # a colleague on the same proxy
    page = await ingest.client.get("/moments/new", headers={"X-Forwarded-Proto": "https"})
    assert "secure" in page.headers["set-cookie"].lower()  # HTTPS ended at the proxy


async def test_an_untrusted_proxy_is_not_believed(ingest_with: IngestWith) -> None:
    async with ingest_with(trusted_proxies="10.9.9.9") as ingest:
        statuses = [await post_from(ingest, f"10.20.0.{n}") for n in range(11)]
        assert statuses == [400] * 10 + [429]  # every post counted against 127.0.0.1
        page = await ingest.client.get("/moments/new", headers={"X-Forwarded-Proto": "https"})
        assert "secure" not in page.headers["set-cookie"].lower()
