"""What a link to the web form narrows it to (`?org=`, `?department=`)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from schemas.network import Network, Organisation


@dataclass(frozen=True)
class Scope:
    """What a link narrows the form to: `?org=<id>` shows one organisation's departments (a
    hospital's intranet), `?department=<org>/<dept>` also preselects one (a poster on the ward).
    An unknown id narrows nothing: the form still works, with every department."""

    organisation: Organisation | None = None
    department: str | None = None

    @classmethod
    def of(cls, network: Network, org: str | None, department: str | None) -> "Scope":
        if department:
            org_id, _, department_id = department.partition("/")
            organisation = network.organisation(org_id)
            if organisation and any(d.id == department_id for d in organisation.departments):
                return cls(organisation, department)
        organisation = network.organisation(org) if org else None
        if organisation is None:
            return cls()
        if len(organisation.departments) == 1:
            return cls(organisation, f"{organisation.id}/{organisation.departments[0].id}")
        return cls(organisation)

    @property
    def query(self) -> str:
        """For links that keep the scope (language switch, "share another moment")."""
        if self.department:
            return urlencode({"department": self.department})
        return urlencode({"org": self.organisation.id}) if self.organisation else ""


UNSCOPED = Scope()
"""Every organisation's departments, none chosen."""
