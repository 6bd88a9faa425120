"""The dbt-duckdb plugin of the project (profiles.yml `plugins`): makes the build file's folder and gives
dbt's connection the function `kjfacts_publish(copy, published)`, which the on-run-end hook
(macros/publish.sql) calls to swap a finished copy of the build in as the published warehouse
(loaders.publish.publish_copy). SQL cannot rename files; this is the one step of `dbt build` in Python
outside a model."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin


def kjfacts_publish(copy: str, published: str) -> str:
    from loaders.publish import publish_copy

    return str(publish_copy(Path(copy), Path(published)))


class Plugin(BasePlugin):
    def update_connection_config(self, creds: Any, config: dict[str, Any]) -> None:
        path = getattr(creds, "path", None)
        if path and path != ":memory:":
            Path(path).resolve().parent.mkdir(parents=True, exist_ok=True)

    def configure_connection(self, conn: Any) -> None:
        conn.create_function("kjfacts_publish", kjfacts_publish, ["VARCHAR", "VARCHAR"], "VARCHAR",
                             side_effects=True)
