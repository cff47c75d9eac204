#!/usr/bin/env bash
# README command 1: install what is needed, build ruku, verify a sample
# bundle with no server running, and say where the dossier is.
set -euo pipefail
cd "$(dirname "$0")/.."
setup=$(scripts/deps.sh run) # fails the script if installing fails
eval "$setup"
mkdir -p bin
go build -o bin/ruku ./cmd/ruku
bundle=${1:-samples/bundles/eligible.zip}
bin/ruku verify "$bundle" --out out/sample
echo "open out/sample/dossier.html in a browser to read it"
