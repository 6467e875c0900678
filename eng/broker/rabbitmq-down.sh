#!/usr/bin/env bash
# Stops the local broker started by rabbitmq-up.sh. Safe to run when it is not running.
set -uo pipefail
export ERL_EPMD_ADDRESS=127.0.0.1
if command -v rabbitmqctl >/dev/null 2>&1; then
  rabbitmqctl -q shutdown >/dev/null 2>&1 || true
fi
if command -v epmd >/dev/null 2>&1; then
  epmd -kill >/dev/null 2>&1 || true
fi
echo "[rabbitmq-down] stopped"
