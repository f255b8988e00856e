"""The privacy officer's tools: find, erase and purge a person's moments in every store."""
