#!/usr/bin/env bash
# README command: the reviewers' workspace on the sample bundles, with
# demo accounts, on this machine alone (no Redis, no S3). Installs what is
# missing, builds bin/ruku, submits samples/bundles/*.zip into ./demo-data
# (once), adds the demo accounts (once) and serves http://127.0.0.1:8080/.
set -euo pipefail
cd "$(dirname "$0")/.."
setup=$(scripts/deps.sh run)
eval "$setup"
mkdir -p bin
go build -o bin/ruku ./cmd/ruku
store=${RUKU_STORE_DIR:-demo-data}
export RUKU_STORE_DIR=$store
if [ ! -d "$store/dossiers" ]; then
  bin/ruku submit samples/bundles/*.zip
fi
pw=${RUKU_DEMO_PASSWORD:-ruku-demo-2026}
# name role region: the province sees every sample; 雄安's city reviewer one.
while read -r name role region; do
  if ! bin/ruku users list | grep -q "^$name "; then
    printf '%s\n' "$pw" | bin/ruku users add "$name" --role "$role" ${region:+--region "$region"} >/dev/null
  fi
done <<'ACCOUNTS'
demo province
demo-xiongan city 133100
demo-audit auditor
ACCOUNTS
echo "accounts: demo (省级审核), demo-xiongan (雄安新区 市级推荐), demo-audit (审计); password: $pw"
exec bin/ruku serve --addr "${RUKU_ADDR:-127.0.0.1:8080}"
