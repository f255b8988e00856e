"""One module per outside thing digest talks to: the database, SMTP, Microsoft Graph."""
