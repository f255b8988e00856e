from pydantic import Field

from services.common.settings import ServiceSettings


class IngestSettings(ServiceSettings):
    port: int = Field(default=8000, ge=0, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/ingest.db"
