#!/usr/bin/env bash
# Installs (if missing), configures and starts the local AMQP 1.0 broker (RabbitMQ from Debian with
# its AMQP 1.0 plugin) on loopback only. Idempotent: safe to run again when the broker is already up.
# Needs root (CI runs it as root on a fresh Debian machine).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=topology.sh
source "$script_dir/topology.sh"

config_dir=/etc/rabbitmq
startup_timeout_seconds="${CREDITOS_BROKER_STARTUP_TIMEOUT:-120}"

log() { echo "[rabbitmq-up] $*"; }

install_broker() {
  if command -v rabbitmq-server >/dev/null 2>&1; then
    return
  fi
  log "installing rabbitmq-server"
  local policy=/usr/sbin/policy-rc.d had_policy=false
  if [[ -e "$policy" ]]; then
    had_policy=true
    cp "$policy" "$policy.creditos-backup"
  fi
  # Stops the package from starting a node with default settings during the install.
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  restore_policy() {
    if [[ "$had_policy" == true ]]; then mv "$policy.creditos-backup" "$policy"; else rm -f "$policy"; fi
  }
  trap restore_policy EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null
  restore_policy
  trap - EXIT
  # The package may have left a default node or epmd running despite the policy; stop them.
  rabbitmqctl -q shutdown >/dev/null 2>&1 || true
  epmd -kill >/dev/null 2>&1 || true
}

queue_json() {
  local name="$1" arguments="$2"
  printf '    {"name": "%s", "vhost": "/", "durable": true, "auto_delete": false, "arguments": {%s}}' "$name" "$arguments"
}

write_definitions() {
  local entries=() bindings=() queue
  for queue in $CREDITOS_INPUT_QUEUES; do
    entries+=("$(queue_json "$queue" "\"x-queue-type\": \"quorum\", \"x-delivery-limit\": $CREDITOS_DELIVERY_LIMIT, \"x-dead-letter-exchange\": \"creditos.deadletter\", \"x-dead-letter-routing-key\": \"$queue.dlq\"")")
    entries+=("$(queue_json "$queue.dlq" "\"x-queue-type\": \"quorum\"")")
    bindings+=("$(printf '    {"source": "creditos.deadletter", "vhost": "/", "destination": "%s.dlq", "destination_type": "queue", "routing_key": "%s.dlq", "arguments": {}}' "$queue" "$queue")")
  done
  for queue in $CREDITOS_REPLY_QUEUES; do
    entries+=("$(queue_json "$queue" "\"x-queue-type\": \"quorum\"")")
  done
  local IFS=$'\n'
  {
    echo '{'
    echo "  \"users\": [{\"name\": \"$CREDITOS_BROKER_USER\", \"password\": \"$CREDITOS_BROKER_PASSWORD\", \"tags\": \"administrator\"}],"
    echo '  "vhosts": [{"name": "/"}],'
    echo "  \"permissions\": [{\"user\": \"$CREDITOS_BROKER_USER\", \"vhost\": \"/\", \"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}],"
    echo '  "exchanges": [{"name": "creditos.deadletter", "vhost": "/", "type": "direct", "durable": true, "auto_delete": false, "internal": false, "arguments": {}}],'
    echo '  "queues": ['
    printf '%s\n' "${entries[*]}" | sed '$!s/$/,/'
    echo '  ],'
    echo '  "bindings": ['
    printf '%s\n' "${bindings[*]}" | sed '$!s/$/,/'
    echo '  ],'
    echo '  "policies": []'
    echo '}'
  } > "$config_dir/definitions.json"
}

write_configuration() {
  mkdir -p "$config_dir"
  cat > "$config_dir/rabbitmq-env.conf" <<CONF
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
CONF
  cat > "$config_dir/rabbitmq.conf" <<CONF
listeners.tcp.local = 127.0.0.1:$CREDITOS_BROKER_PORT
load_definitions = $config_dir/definitions.json
loopback_users = none
CONF
  echo '[rabbitmq_amqp1_0].' > "$config_dir/enabled_plugins"
  write_definitions
  chown -R rabbitmq:rabbitmq "$config_dir"
  chmod 0644 "$config_dir"/*
}

# Keep epmd and Erlang distribution on loopback as well.
export ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'

broker_running() { rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; }

install_broker
write_configuration

if broker_running; then
  log "already running"
  exit 0
fi

log "starting"
rabbitmq-server -detached
deadline=$(( SECONDS + startup_timeout_seconds ))
until broker_running; do
  if (( SECONDS >= deadline )); then
    log "broker did not start within ${startup_timeout_seconds}s; last log lines:" >&2
    tail -n 40 /var/log/rabbitmq/*.log >&2 2>/dev/null || true
    exit 1
  fi
  sleep 1
done
log "running on 127.0.0.1:$CREDITOS_BROKER_PORT (AMQP 1.0)"
