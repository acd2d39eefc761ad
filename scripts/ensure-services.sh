#!/usr/bin/env bash
# Starts the machine's Postgres and Redis when they are down, with the start commands this
# kind of machine documents. Nothing is installed here: both servers come with the machine.
set -euo pipefail

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }

if ! pg_up; then
  echo "Postgres is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  pg_up || { echo "Postgres did not start on 127.0.0.1:5432" >&2; exit 1; }
fi

if ! redis_up; then
  echo "Redis is down: starting it"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  for _ in $(seq 1 30); do redis_up && break; sleep 1; done
  redis_up || { echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
fi

# BullMQ needs a Redis that never evicts keys.
policy=$(redis-cli -h 127.0.0.1 -p 6379 config get maxmemory-policy | tail -n 1)
if [ "$policy" != "noeviction" ]; then
  redis-cli -h 127.0.0.1 -p 6379 config set maxmemory-policy noeviction >/dev/null
fi
echo "Postgres and Redis are up"
