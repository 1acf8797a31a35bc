#!/bin/sh
# Creates the secret files docker-compose.yml mounts, with random passwords. Files that already exist
# are kept, so re-running never locks a service out of a broker that already has its user.
#
#   deploy/secrets/generate.sh [folder]        (default: this script's folder, ignored by git)
#   ALERTING_WEBHOOK_URL=https://… deploy/secrets/generate.sh     sets the alerting webhook
#
# The folder is private to its owner (0700); the files in it are 0644 so the containers' non-root
# users can read their bind-mounted copies.
set -eu

dir=${1:-$(dirname "$0")}
vhost=takedowns
mkdir -p "$dir"
chmod 700 "$dir"

password() { LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 32; }
write() {
  [ -s "$dir/$1" ] && return 0
  (umask 022; printf '%s' "$2" > "$dir/$1")
  echo "generated $dir/$1"
}

write rabbitmq-admin-password "$(password)"
for user in fetcher extractor deduplicator publisher alerting keda; do
  write "rabbitmq-$user-password" "$(password)"
done
for service in fetcher extractor deduplicator publisher alerting; do
  write "$service-bus-uri" "amqp://$service:$(cat "$dir/rabbitmq-$service-password")@rabbitmq:5672/$vhost"
done
# RabbitMQ reads its first administrator from a conf.d file (the image no longer reads *_FILE variables).
write rabbitmq-admin.conf "default_user = admin
default_pass = $(cat "$dir/rabbitmq-admin-password")
"
write alerting-webhook-url "${ALERTING_WEBHOOK_URL:-https://hooks.example.invalid/replace-me}"
