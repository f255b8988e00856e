"""JSON Schema files for the events and the network file."""

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.events import EVENTS
from schemas.network import Network
from schemas.topics import DELIVERIES, DIGESTS, MOMENTS

TOPIC_OF = {"MomentPosted": MOMENTS, "MomentDelivered": DELIVERIES, "DigestSent": DIGESTS}


def export_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    models: tuple[type[BaseModel], ...] = (*EVENTS, Network)
    for model in models:
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"urn:mangomoment:{model.__name__}:v1"
        if model.__name__ in TOPIC_OF:
            schema["x-topic"] = TOPIC_OF[model.__name__]
        path = directory / f"{model.__name__}.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
