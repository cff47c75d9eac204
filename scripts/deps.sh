#!/usr/bin/env bash
# Installs what ruku needs on a Debian machine, only what is missing:
#   scripts/deps.sh run    Go toolchain, tesseract (chi_sim), poppler-utils and poppler-data
#   scripts/deps.sh test   the same plus redis-server and chromium (browser tests; the S3 server is
#                          installed by scripts/s3-server.sh)
# It prints the PATH line to use when it had to fetch Go itself.
set -euo pipefail
what=${1:-run}
root=$(cd "$(dirname "$0")/.." && pwd)

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

pkgs=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || pkgs+=("$1"); }
for p in ca-certificates curl unzip tesseract-ocr tesseract-ocr-chi-sim poppler-utils poppler-data; do need_pkg "$p"; done
if [ "$what" = test ]; then need_pkg redis-server; need_pkg python3; need_pkg xz-utils; need_pkg chromium; fi
if [ ${#pkgs[@]} -gt 0 ]; then
  echo "installing: ${pkgs[*]}" >&2
  "${sudo_cmd[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2
fi

# Go: the version go.mod names. Debian's golang-go is too old, so fetch the
# toolchain module from the Go module proxy when no recent enough go exists.
want=$(awk '/^go /{print $2; exit}' "$root/go.mod")
have_go() {
  command -v go >/dev/null 2>&1 || return 1
  local v; v=$(go env GOVERSION 2>/dev/null | sed 's/^go//')
  [ -n "$v" ] && [ "$(printf '%s\n%s\n' "$want" "$v" | sort -V | head -n1)" = "$want" ]
}
if ! have_go; then
  dir="${XDG_CACHE_HOME:-$HOME/.cache}/ruku/go$want"
  if [ ! -x "$dir/bin/go" ]; then
    proxy=$(printf '%s' "${GOPROXY:-https://proxy.golang.org}" | cut -d, -f1)
    arch=$(dpkg --print-architecture)
    url="$proxy/golang.org/toolchain/@v/v0.0.1-go$want.linux-$arch.zip"
    echo "fetching Go $want from $proxy" >&2
    tmp=$(mktemp -d)
    curl -fsSL "$url" -o "$tmp/go.zip"
    unzip -q "$tmp/go.zip" -d "$tmp"
    mkdir -p "$(dirname "$dir")"
    rm -rf "$dir"
    mv "$tmp/golang.org/toolchain@v0.0.1-go$want.linux-$arch" "$dir"
    chmod +x "$dir"/bin/* "$dir"/pkg/tool/*/* 2>/dev/null || true
    rm -rf "$tmp"
  fi
  echo "export PATH=$dir/bin:\$PATH"
fi
