#!/usr/bin/env sh
# Creates deploy/secrets/ with one file per Docker secret. Random values where we choose them;
# platform secrets (Slack) are left as placeholders for you to paste. Never commit this folder.
set -eu
cd "$(dirname "$0")"
umask 077
mkdir -p secrets
random() { head -c 32 /dev/urandom | base64 | tr -d '/+=\n' | cut -c1-40; }
put() {  # put NAME VALUE: write only if the file does not exist yet (never overwrite a secret)
  if [ ! -s "secrets/$1" ]; then printf '%s' "$2" > "secrets/$1"; echo "created secrets/$1"; fi
}
put postgres_password "$(random)"
put mango_database_url "postgresql+asyncpg://mango:$(cat secrets/postgres_password)@postgres:5432/mango"
put mango_pseudonym_key "$(random)"
put mango_slack__signing_secret "PASTE-the-Signing-Secret-from-Slack-Basic-Information"
put mango_slack__bot_token "PASTE-the-Bot-User-OAuth-Token-xoxb-from-Slack-OAuth-and-Permissions"
echo "Now paste the Slack values into secrets/mango_slack__*; see the README."
