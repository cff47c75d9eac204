#!/usr/bin/env bash
# README command 2: install what the tests need, start Redis and an
# S3-compatible server, run every test against them, stop what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each helper prints lines to eval; a failing helper stops the script
# (set -e does not see a failure inside eval "$(...)").
setup=$(scripts/deps.sh test)
eval "$setup"

started_redis=""
export RUKU_REDIS_ADDR=${RUKU_REDIS_ADDR:-127.0.0.1:6379}
if ! redis-cli -u "redis://$RUKU_REDIS_ADDR" ping >/dev/null 2>&1; then
  port=${RUKU_REDIS_ADDR##*:}
  echo "starting redis-server on port $port" >&2
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --pidfile "/tmp/ruku-redis-$port.pid" --logfile "/tmp/ruku-redis-$port.log"
  started_redis="/tmp/ruku-redis-$port.pid"
  for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

cleanup() {
  scripts/s3-server.sh stop || true
  if [ -n "$started_redis" ] && [ -f "$started_redis" ]; then kill "$(cat "$started_redis")" 2>/dev/null || true; fi
}
trap cleanup EXIT
setup=$(scripts/s3-server.sh start)
eval "$setup"
# Other projects' public CJK test PDFs for extractors/pdftext (cached).
setup=$(bash scripts/external-pdfs.sh)
eval "$setup"

export RUKU_REQUIRE_SERVICES=1
# The labelled public corpus, when shared/ lies beside the repository (CI).
if [ -z "${RUKU_CORPUS:-}" ] && [ -d ../shared/corpus ]; then export RUKU_CORPUS=$(cd ../shared/corpus && pwd); fi
go vet ./...
go test -count=1 -timeout 25m ./... 2>&1 | tee /tmp/ruku-test.log
exit "${PIPESTATUS[0]}"
