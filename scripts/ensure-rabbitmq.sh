#!/usr/bin/env bash
# Installs (Debian's rabbitmq-server) and starts a local RabbitMQ on 127.0.0.1:5672 when none answers.
# Idempotent: returns at once if the broker is already up. Exits non-zero if it cannot get one up.
set -euo pipefail

port_open() { (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; }

if port_open; then
  echo "rabbitmq: already listening on 127.0.0.1:5672"
  exit 0
fi

if ! command -v rabbitmq-server >/dev/null 2>&1; then
  if [ "$(id -u)" != "0" ]; then
    echo "rabbitmq: not installed and not root; install rabbitmq-server or start a broker on 127.0.0.1:5672" >&2
    exit 1
  fi
  echo "rabbitmq: installing Debian's rabbitmq-server ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq rabbitmq-server >/dev/null
fi

# A fixed node name: the container's hostname may not resolve, localhost always does.
mkdir -p /etc/rabbitmq
if ! grep -qs '^NODENAME=rabbit@localhost' /etc/rabbitmq/rabbitmq-env.conf; then
  echo 'NODENAME=rabbit@localhost' >> /etc/rabbitmq/rabbitmq-env.conf
fi

echo "rabbitmq: starting ..."
rabbitmq-server -detached >/dev/null 2>&1 || true

# Poll the port: `rabbitmqctl await_startup` fails when called before the node exists.
for _ in $(seq 1 120); do
  if port_open; then
    echo "rabbitmq: up on 127.0.0.1:5672"
    exit 0
  fi
  sleep 0.5
done
echo "rabbitmq: did not come up within 60 s; see /var/log/rabbitmq/" >&2
exit 1
