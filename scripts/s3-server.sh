#!/usr/bin/env bash
# s3-server.sh — a throwaway S3-compatible server (versitygw, posix backend)
# for ruku's storage tests.
#
#   eval "$(scripts/s3-server.sh start)"   # install if needed, start, print exports
#   scripts/s3-server.sh env               # print the exports only
#   scripts/s3-server.sh status            # exit 0 if ours is running
#   scripts/s3-server.sh stop              # stop it and delete its data
#
# Only the export lines go to stdout; everything else goes to stderr.
# Settings (environment):
#   RUKU_S3_PORT         port on 127.0.0.1 (default 9010)
#   RUKU_S3_STATE        folder for pid, log and data (default ${TMPDIR:-/tmp}/ruku-s3-PORT)
#   RUKU_S3_TEST_ACCESS_KEY, RUKU_S3_TEST_SECRET_KEY  root credentials (test-only defaults)
#   VERSITYGW            path of a versitygw binary to use instead of finding/installing one
#
# versitygw is installed with `go install` at the pinned version below when it
# is on neither PATH nor GOBIN. The first install downloads and builds a large
# dependency tree: allow several minutes (14 on a fresh 2-core machine).
set -euo pipefail

VGW_MODULE=github.com/versity/versitygw/cmd/versitygw
VGW_VERSION=v1.8.0

PORT=${RUKU_S3_PORT:-9010}
STATE=${RUKU_S3_STATE:-${TMPDIR:-/tmp}/ruku-s3-$PORT}
ACCESS=${RUKU_S3_TEST_ACCESS_KEY:-ruku-test}
SECRET=${RUKU_S3_TEST_SECRET_KEY:-ruku-test-secret-key}
PIDFILE=$STATE/versitygw.pid
LOG=$STATE/versitygw.log

say() { echo "s3-server: $*" >&2; }

exports() { # exports [versitygw binary]
	echo "export RUKU_S3_ENDPOINT=http://127.0.0.1:$PORT RUKU_S3_ACCESS_KEY=$ACCESS RUKU_S3_SECRET_KEY=$SECRET RUKU_S3_REGION=us-east-1 RUKU_S3_SECURE=false"
	# The end-to-end tests run versitygw processes of their own.
	if [[ -n ${1:-} ]]; then echo "export RUKU_VERSITYGW=$1"; fi
}

# answers: does something accept TCP connections on the port?
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }

ours_running() {
	[[ -f $PIDFILE ]] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null
}

find_vgw() {
	if [[ -n ${VERSITYGW:-} ]]; then
		echo "$VERSITYGW"
		return
	fi
	local gobin
	gobin=$(go env GOBIN 2>/dev/null || true)
	[[ -n $gobin ]] || gobin="$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
	if [[ -x $gobin/versitygw ]]; then
		echo "$gobin/versitygw"
	elif command -v versitygw >/dev/null 2>&1; then
		command -v versitygw
	else
		say "installing versitygw $VGW_VERSION with go install (first time takes minutes)"
		# Run outside the repository so its go.mod and GOFLAGS do not apply.
		(cd / && GOFLAGS= go install "$VGW_MODULE@$VGW_VERSION") >&2
		echo "$gobin/versitygw"
	fi
}

launch() { # launch BIN [extra posix flags...]
	local bin=$1
	shift
	: >"$LOG"
	ROOT_ACCESS_KEY=$ACCESS ROOT_SECRET_KEY=$SECRET VGW_REGION=us-east-1 \
		setsid nohup "$bin" --port "127.0.0.1:$PORT" --quiet \
		posix --versioning-dir "$STATE/versions" "$@" "$STATE/root" \
		>>"$LOG" 2>&1 </dev/null &
	echo $! >"$PIDFILE"
	local i
	for ((i = 0; i < 300; i++)); do # 30 s
		if ! ours_running; then
			return 1
		fi
		if answers; then
			return 0
		fi
		sleep 0.1
	done
	say "versitygw did not answer on port $PORT within 30s"
	return 1
}

start() {
	local bin
	bin=$(find_vgw)
	[[ -x $bin ]] || { say "no versitygw binary at $bin"; exit 1; }
	if ours_running && answers; then
		exports "$bin"
		return
	fi
	if answers; then
		say "port $PORT is already served by a process this script did not start; assuming it is a versitygw with these credentials"
		exports "$bin"
		return
	fi
	if ours_running; then
		say "pid $(cat "$PIDFILE") is not answering; restarting it"
		stop
	fi
	rm -rf "$STATE"
	mkdir -p "$STATE/root" "$STATE/versions" "$STATE/meta"
	if ! launch "$bin"; then
		# Without user extended attributes on this file system the posix
		# backend cannot keep metadata; retry with a sidecar folder.
		say "versitygw exited at start ($(tail -n 3 "$LOG" | tr '\n' ' ')); retrying with --sidecar"
		launch "$bin" --sidecar "$STATE/meta" || {
			say "versitygw failed to start; log: $LOG"
			tail -n 20 "$LOG" >&2
			exit 1
		}
	fi
	say "versitygw $(go version -m "$bin" 2>/dev/null | awk '$1 == "mod" {print $3}') pid $(cat "$PIDFILE") on 127.0.0.1:$PORT, data in $STATE"
	exports "$bin"
}

stop() {
	if ! [[ -f $PIDFILE ]]; then
		say "not running (no $PIDFILE)"
		return 0
	fi
	local pid i
	pid=$(cat "$PIDFILE")
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null || true
		for ((i = 0; i < 100; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			say "pid $pid ignored TERM; sending KILL"
			kill -9 "$pid" 2>/dev/null || true
		fi
	fi
	rm -rf "$STATE"
	say "stopped pid $pid"
}

case ${1:-} in
start) start ;;
stop) stop ;;
env) exports ;;
status) ours_running && answers ;;
*)
	echo "usage: $0 start|stop|env|status" >&2
	exit 2
	;;
esac
