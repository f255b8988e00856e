"""One file per outside thing: Slack, Teams, the wall, the delivery ledger."""
