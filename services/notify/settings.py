from pydantic import Field

from services.common.settings import ServiceSettings


class NotifySettings(ServiceSettings):
    port: int = Field(default=8001, ge=0, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/notify.db"
    group_id: str = "notify"
