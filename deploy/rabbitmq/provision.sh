#!/bin/sh
# Creates one RabbitMQ user per service and imports the pipeline's definitions (vhost, quorum queues,
# exchanges, bindings, policies, permissions) through the management HTTP API. Idempotent: run it on
# every `docker compose up`, or once from an operator's machine against an existing cluster.
#
#   RABBITMQ_API              management API base URL (http://rabbitmq:15672)
#   RABBITMQ_ADMIN_USER       an administrator (default admin); its password in RABBITMQ_ADMIN_PASSWORD_FILE
#   PIPELINE_USERS            service users to create; each password is read from $PASSWORD_DIR/rabbitmq-<user>-password
#   DEFINITIONS               the definitions file (deploy/rabbitmq/definitions.json); it holds no users or passwords
#
# Passwords travel only from the secret files to the API (never in arguments, images or the repository).
set -eu

api=${RABBITMQ_API:-http://rabbitmq:15672}
admin=${RABBITMQ_ADMIN_USER:-admin}
password_dir=${PASSWORD_DIR:-/run/secrets}
definitions=${DEFINITIONS:-$(dirname "$0")/definitions.json}
users=${PIPELINE_USERS:?list the service users, e.g. "fetcher extractor deduplicator publisher alerting keda"}

netrc=$(mktemp)
trap 'rm -f "$netrc"' EXIT
host=$(printf '%s' "$api" | sed -e 's#^[a-z]*://##' -e 's#[:/].*##')
printf 'machine %s login %s password %s\n' "$host" "$admin" "$(cat "${RABBITMQ_ADMIN_PASSWORD_FILE:?}")" > "$netrc"

call() { curl --silent --show-error --fail --netrc-file "$netrc" -H 'content-type: application/json' "$@"; }

for _ in $(seq 1 60); do
  call -o /dev/null "$api/api/overview" 2>/dev/null && break
  sleep 2
done
call -o /dev/null "$api/api/overview"

for user in $users; do
  secret="$password_dir/rabbitmq-$user-password"
  [ -s "$secret" ] || { echo "provision: $secret is missing or empty" >&2; exit 1; }
  # Alphanumeric passwords (deploy/secrets/generate.sh) need no JSON escaping.
  printf '{"password":"%s","tags":"%s"}' "$(cat "$secret")" "" | call -X PUT --data-binary @- "$api/api/users/$user" -o /dev/null
  echo "provision: user $user"
done

call -X POST --data-binary "@$definitions" "$api/api/definitions" -o /dev/null
echo "provision: definitions imported from $definitions"

# The image's guest account must never be reachable; it only exists if default_user was not set.
if call -o /dev/null "$api/api/users/guest" 2>/dev/null; then
  call -X DELETE "$api/api/users/guest" -o /dev/null
  echo "provision: guest removed"
fi
