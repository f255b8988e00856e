"""Must show: every way in yields exactly one redacted `MomentPosted` on the real broker."""

import asyncio
import json
import re
from typing import Any

import pytest

from schemas import Beneficiary, EntityType, Kind, MomentPosted, Platform, TeamType
from tests.ingest.fake_slack import view_problems
from tests.ingest.harness import (
    API_TOKEN,
    SLACK_TEAM,
    Harness,
    mention_envelope,
    teams_activity,
)
from tests.support import wait_for

pytestmark = pytest.mark.connected


async def one_moment(ingest: Harness, platform: Platform) -> MomentPosted:
    await wait_for(
        lambda: any(m.source.platform is platform for m in ingest.moments),
        within=20,
        what=f"a moment from {platform}",
    )
    mine = [m for m in ingest.moments if m.source.platform is platform]
    assert len(mine) == 1
    return mine[0]


async def test_slash_command(ingest: Harness) -> None:
    response = await ingest.command(
        "#collega Sofie Claes bracht koffie voor de nachtploeg. Bel haar op 0475 12 34 56."
    )
    assert response.status_code == 200
    reply = response.json()
    assert reply["response_type"] == "ephemeral"
    assert "Dagziekenhuis oncologie" in reply["text"]
    assert "<#C0ONCO001>" in reply["text"]
    moment = await one_moment(ingest, Platform.SLACK)
    assert (moment.organisation_id, moment.department_id) == ("az-voorbeeld", "oncologie")
    assert moment.team_type is TeamType.ONCOLOGY
    assert (moment.kind, moment.beneficiary) == (Kind.MOMENT, Beneficiary.COLLEAGUE)
    assert moment.text == "[naam] bracht koffie voor de nachtploeg. Bel haar op [telefoon]."
    assert moment.privacy.redactions == {EntityType.NAME: 1, EntityType.PHONE: 1}
    assert moment.author.display_name == "verpleegkundige.een"
    assert "verpleegkundige" not in moment.author.ref


async def test_slash_command_mentions_read_as_names_that_stay(ingest: Harness) -> None:
    # As Slack sends a command with escaping on: the id, and the person's handle.
    response = await ingest.command(
        "Soep voor meneer Peeters, gebracht door <@U0COLLEGA|sofie.claes> en <@U0GONE001>."
    )
    assert response.status_code == 200
    moment = await one_moment(ingest, Platform.SLACK)
    # Her name as Slack shows it; someone Slack does not know is a colleague, never an id.
    assert moment.text == "Soep voor meneer [naam], gebracht door @Sofie Claes en @collega."
    assert [args["user"] for args in ingest.slack.of("users.info")] == ["U0COLLEGA", "U0GONE001"]


async def test_app_mention_anywhere_and_its_edit(ingest: Harness) -> None:
    # @Mango at the end: the colleague named first is the one thanked, not the app.
    envelope = mention_envelope("placeholder")
    envelope["event"]["text"] = "Dank <@U0COLLEGA> voor de soep, <@U0MANGOBOT>"
    assert (await ingest.event(envelope)).status_code == 200
    moment = await one_moment(ingest, Platform.SLACK)
    assert moment.text == "Dank @Sofie Claes voor de soep"
    # Editing that message sends a new event for the same message: it is not posted again.
    edited = mention_envelope("placeholder")
    edited["event"] = {
        **envelope["event"],
        "text": "Dank <@U0COLLEGA> voor de lekkere soep, <@U0MANGOBOT>",
        "edited": {"user": "U0NURSE02", "ts": "1700000100.000200"},
    }
    assert (await ingest.event(edited)).status_code == 200
    await asyncio.sleep(1)
    assert await ingest.stored() == 1


async def test_app_mention(ingest: Harness) -> None:
    envelope = mention_envelope(
        "#praktijk Mevrouw Janssens op kamer 12 kreeg een verjaardagstaart van <@U0COLLEGA>."
    )
    response = await ingest.event(envelope)
    assert response.status_code == 200
    moment = await one_moment(ingest, Platform.SLACK)
    assert (moment.organisation_id, moment.department_id) == ("az-voorbeeld", "geriatrie")
    assert moment.team_type is TeamType.NON_ONCOLOGY
    assert (moment.kind, moment.beneficiary) == (Kind.GOOD_PRACTICE, Beneficiary.OTHER)
    # The colleague's mention reads as her name and stays: that is how a colleague is credited.
    assert moment.text == "Mevrouw [naam] op [kamer] kreeg een verjaardagstaart van @Sofie Claes."
    assert moment.privacy.redactions == {EntityType.NAME: 1, EntityType.ROOM: 1}
    await wait_for(lambda: len(ingest.slack.of("chat.postEphemeral")) == 1, what="confirmation")
    confirmation = ingest.slack.of("chat.postEphemeral")[0]
    assert confirmation["channel"] == "C0GERI001"
    assert "Geriatrie" in confirmation["text"]


async def shared_as_a_moment(ingest: Harness, text: str) -> dict[str, Any]:
    """Shares a message in the oncology channel with the shortcut; the modal it opened."""
    shortcut = {
        "type": "message_action",
        "callback_id": "share_as_mango_moment",
        "trigger_id": "1111.2222.shortcut",
        "team": {"id": SLACK_TEAM},
        "channel": {"id": "C0ONCO001"},
        "user": {"id": "U0NURSE03", "name": "nurse.three"},
        "message": {"text": text, "ts": "1700.1"},
    }
    assert (await ingest.interactivity(shortcut)).status_code == 200
    opened = ingest.slack.of("views.open")
    assert len(opened) == 1
    view = opened[0]["view"]
    return view if isinstance(view, dict) else dict(json.loads(view))


async def test_shortcut_prefills_the_modal_with_normalised_text(ingest: Harness) -> None:
    """Found by fuzzing the endpoints: a shared message with a lone surrogate went into the
    modal as it was, and the modal was refused."""
    view = await shared_as_a_moment(ingest, "Soep\udfff voor de\u200b nacht")
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["text"]["element"]["initial_value"] == "Soep voor de nacht"


async def test_shortcut_then_modal_submission(ingest: Harness) -> None:
    view = await shared_as_a_moment(
        ingest, "Meneer Peeters mocht zijn hond nog eens zien, dankzij <@U0JANP001>."
    )
    blocks = {b["block_id"]: b for b in view["blocks"]}
    prefilled = "Meneer Peeters mocht zijn hond nog eens zien, dankzij @Jan Peeters."
    assert blocks["text"]["element"]["initial_value"] == prefilled
    assert blocks["department"]["element"]["initial_option"]["value"] == "oncologie"
    share = blocks["options"]["element"]["options"][1]
    assert share["value"] == "share_external"
    consent = "Ik geef toestemming om dit moment, zonder mijn naam, te delen met externe"
    assert blocks["options"]["hint"]["text"].startswith(consent)  # whole, under the boxes

    def submission(text: str, beneficiary: str | None) -> dict[str, object]:
        values: dict[str, object] = {
            "kind": {"value": {"type": "static_select", "selected_option": {"value": "moment"}}},
            "department": {
                "value": {"type": "static_select", "selected_option": {"value": "oncologie"}}
            },
            "text": {"value": {"type": "plain_text_input", "value": text}},
            "title": {"value": {"type": "plain_text_input", "value": None}},
            "options": {
                "value": {"type": "checkboxes", "selected_options": [{"value": "share_external"}]}
            },
        }
        if beneficiary:
            values["beneficiary"] = {
                "value": {"type": "static_select", "selected_option": {"value": beneficiary}}
            }
        return {
            "type": "view_submission",
            "team": {"id": SLACK_TEAM},
            "user": {"id": "U0NURSE03", "name": "nurse.three"},
            "view": {
                "id": "V0MODAL01",
                "callback_id": "mango_moment",
                "private_metadata": view["private_metadata"],
                "state": {"values": values},
            },
        }

    invalid = await ingest.interactivity(submission("", None))
    assert invalid.status_code == 200
    errors = invalid.json()
    assert errors["response_action"] == "errors"
    assert set(errors["errors"]) == {"text", "beneficiary"}
    assert await ingest.stored() == 0

    valid = await ingest.interactivity(submission(prefilled, "patient"))
    assert valid.json()["response_action"] == "update"
    assert view_problems(valid.json()["view"]) == []  # the thank-you view Slack shows instead
    moment = await one_moment(ingest, Platform.SLACK)
    assert (moment.organisation_id, moment.department_id) == ("az-voorbeeld", "oncologie")
    assert (moment.kind, moment.beneficiary) == (Kind.MOMENT, Beneficiary.PATIENT)
    # The patient's name goes; the colleague Slack named stays, though the surnames are alike.
    assert moment.text == "Meneer [naam] mocht zijn hond nog eens zien, dankzij @Jan Peeters."
    assert moment.sharing.external
    assert moment.sharing.consent_version == "2026-01"
    await wait_for(lambda: len(ingest.slack.of("chat.postEphemeral")) == 1, what="confirmation")


async def test_teams_outgoing_webhook(ingest: Harness) -> None:
    activity = teams_activity(
        "<at>Mango</at> #naaste De dochter van mevrouw Dubois (sofie.dubois@example.be) "
        "bedankte <at>Jan Peeters</at> voor de rustige nacht."
    )
    response = await ingest.teams(activity)
    assert response.status_code == 200
    assert response.json()["type"] == "message"
    # Where it appears, in words a reader knows: a Slack channel id means nothing in Teams.
    assert "Dagziekenhuis oncologie (Slack, Teams en de Mango-muur)" in response.json()["text"]
    moment = await one_moment(ingest, Platform.TEAMS)
    assert (moment.organisation_id, moment.department_id) == ("az-voorbeeld", "oncologie")
    assert (moment.kind, moment.beneficiary) == (Kind.MOMENT, Beneficiary.LOVED_ONE)
    assert moment.text == (
        "De dochter van mevrouw [naam] ([e-mail]) bedankte @Jan Peeters voor de rustige nacht."
    )
    assert "<at>" not in moment.text


async def test_web_form(ingest: Harness) -> None:
    page, csrf = await ingest.form()
    assert page.status_code == 200
    assert 'lang="nl"' in page.text
    form = {
        "csrf": csrf,
        "lang": "nl",
        "department": "wzc-denneboom/palliatief",
        "kind": "good_practice",
        "beneficiary": "loved_one",
        "title": "Afscheid in de tuin",
        "text": "We reden het bed van Maria Vermeulen (geboren 03/02/1941) naar de tuin.",
        "author_name": "",
    }
    response = await ingest.client.post("/moments/new", data=form)
    assert response.status_code == 200, response.text
    # A date of birth makes it a post for review: no place is promised, the ambassador decides.
    assert "Daarom ziet voorlopig enkel je Mango-ambassadeur het" in response.text
    assert "Palliatieve zorg" not in response.text.split("</h1>", 1)[1]
    assert "<h1>Je moment is ontvangen</h1>" in response.text
    assert response.text.count("Bedankt!") == 1  # not once in the heading and again below
    moment = await one_moment(ingest, Platform.WEB)
    assert (moment.organisation_id, moment.department_id) == ("wzc-denneboom", "palliatief")
    assert moment.team_type is TeamType.ONCOLOGY
    assert (moment.kind, moment.beneficiary) == (Kind.GOOD_PRACTICE, Beneficiary.LOVED_ONE)
    assert moment.text == "We reden het bed van [naam] (geboren [geboortedatum]) naar de tuin."
    assert moment.privacy.needs_review  # a date of birth was in it


async def test_json_api(ingest: Harness) -> None:
    body = {
        "department_id": "spoed",
        "kind": "moment",
        "beneficiary": "patient",
        "text": "Patient Tom Wouters (RR 85.07.03-247.42) got his favourite song on repeat.",
        "reference": "kiosk-1/42",
    }
    headers = {"Authorization": f"Bearer {API_TOKEN}"}
    response = await ingest.client.post("/api/v1/moments", json=body, headers=headers)
    assert response.status_code == 201, response.text
    again = await ingest.client.post("/api/v1/moments", json=body, headers=headers)
    assert again.status_code == 200
    assert again.json()["event_id"] == response.json()["event_id"]
    moment = await one_moment(ingest, Platform.API)
    assert (moment.organisation_id, moment.department_id) == ("az-voorbeeld", "spoed")
    assert moment.team_type is TeamType.NON_ONCOLOGY
    assert (moment.kind, moment.beneficiary) == (Kind.MOMENT, Beneficiary.PATIENT)
    assert moment.language.value == "en"
    assert moment.text == "Patient [name] (RR [national number]) got his favourite song on repeat."
    assert not re.search(r"\d{6}", moment.text)
    bad = await ingest.client.post(
        "/api/v1/moments", json=body, headers={"Authorization": "Bearer wrong"}
    )
    assert bad.status_code == 401
    # The same reference with another department and text: answered with what was stored
    # (a robustness audit found the reply naming the discarded post's department).
    other = {**body, "department_id": "oncologie", "text": "Mevrouw Peeters kreeg bloemen."}
    reused = await ingest.client.post("/api/v1/moments", json=other, headers=headers)
    assert reused.status_code == 200
    assert reused.json()["event_id"] == response.json()["event_id"]
    assert reused.json()["message"] == response.json()["message"]
    assert "oncolog" not in reused.json()["message"].casefold()
