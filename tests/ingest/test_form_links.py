"""Links to the web form: `?org=` for a hospital's intranet, `?department=` for a ward poster."""

import re

import pytest

from services.common.network_file import load_network
from services.ingest.domain.form_scope import Scope
from tests.ingest.harness import NETWORK, Harness, form_post

pytestmark = pytest.mark.connected


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url  # the scope of a page does not depend on the database kind


def organisations_listed(html: str) -> list[str]:
    return re.findall(r'<optgroup label="([^"]+)"', html)


def selected_department(html: str) -> str | None:
    match = re.search(r'<option value="([^"]*)" selected>', html)
    return match.group(1) if match else None


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "the form has a CSRF field"
    return match.group(1)


async def test_a_ward_poster_link_preselects_its_department(ingest: Harness) -> None:
    page = await ingest.client.get("/moments/new", params={"department": "az-voorbeeld/geriatrie"})
    assert page.status_code == 200
    assert organisations_listed(page.text) == ["AZ Voorbeeld"]
    assert selected_department(page.text) == "az-voorbeeld/geriatrie"
    # The language switch keeps the department.
    assert 'href="?lang=fr&amp;department=az-voorbeeld%2Fgeriatrie"' in page.text


async def test_an_intranet_link_shows_one_organisations_departments(ingest: Harness) -> None:
    page = await ingest.client.get("/moments/new", params={"org": "wzc-denneboom", "lang": "en"})
    assert organisations_listed(page.text) == ["WZC De Denneboom"]
    assert selected_department(page.text) is None
    assert '<option value="">Choose your department</option>' in page.text
    assert '<input type="hidden" name="org" value="wzc-denneboom">' in page.text


@pytest.mark.parametrize(
    "params",
    [{"org": "nope"}, {"department": "az-voorbeeld/nope"}, {"department": "nope/spoed"}, {}],
)
async def test_an_unknown_or_missing_id_narrows_nothing(
    ingest: Harness, params: dict[str, str]
) -> None:
    page = await ingest.client.get("/moments/new", params=params)
    assert page.status_code == 200
    assert organisations_listed(page.text) == [
        "AZ Voorbeeld",
        "WZC De Denneboom",
        "Maison médicale Les Tilleuls",
    ]
    assert selected_department(page.text) is None
    assert 'name="org"' not in page.text


async def test_an_invalid_post_keeps_the_organisation_and_a_valid_one_the_department(
    ingest: Harness,
) -> None:
    page = await ingest.client.get("/moments/new", params={"org": "az-voorbeeld"})
    invalid = await ingest.client.post(
        "/moments/new", data=form_post(csrf_of(page.text), "", org="az-voorbeeld")
    )
    assert invalid.status_code == 400
    assert organisations_listed(invalid.text) == ["AZ Voorbeeld"]
    assert selected_department(invalid.text) == "az-voorbeeld/spoed"  # what the person chose
    valid = await ingest.client.post(
        "/moments/new",
        data=form_post(csrf_of(invalid.text), "Soep op tijd voor iedereen.", org="az-voorbeeld"),
    )
    assert valid.status_code == 200, valid.text
    # "Share another moment" opens the form on the same department.
    assert 'href="/moments/new?lang=nl&amp;department=az-voorbeeld%2Fspoed"' in valid.text
    assert await ingest.stored() == 1


def test_an_organisation_with_one_department_has_it_chosen() -> None:
    network = load_network(NETWORK)
    only = network.organisations[0].model_copy(
        update={"departments": network.organisations[0].departments[:1]}
    )
    one = network.model_copy(update={"organisations": [only]})
    scope = Scope.of(one, "az-voorbeeld", None)
    assert (scope.organisation, scope.department) == (only, "az-voorbeeld/oncologie")
    assert scope.query == "department=az-voorbeeld%2Foncologie"
    assert Scope.of(network, "az-voorbeeld", None).department is None
