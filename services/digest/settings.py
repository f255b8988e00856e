from pydantic import Field

from services.common.settings import ServiceSettings


class DigestSettings(ServiceSettings):
    port: int = Field(default=8002, ge=0, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/digest.db"
    group_id: str = "digest"
