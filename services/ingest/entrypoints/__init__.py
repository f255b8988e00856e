"""One module per way a moment comes in: Slack, Teams, the web form, the JSON API."""
