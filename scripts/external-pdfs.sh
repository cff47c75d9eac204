#!/usr/bin/env bash
# Fetches the CJK PDFs of other projects' public test suites that
# cmd/ruku's TestTextExternalSuites reads with `ruku text`, checks them
# against cmd/ruku/testdata/external/SHA256SUMS and prints the line to eval:
#   eval "$(scripts/external-pdfs.sh)"   # export RUKU_EXTERNAL_PDFS=DIR
# Sources (nothing of theirs is committed here):
#   pdfjs     Mozilla pdf.js test/pdfs       Debian source pdf.js 2.14.305+dfsg
#   pypdf     pypdf resources/               Debian source pypdf 3.4.1
#   pdfminer  pdfminer.six samples/          Debian source pdfminer 20221105+dfsg
#   pdfcpu    pdfcpu pkg/samples/            Go module github.com/pdfcpu/pdfcpu v0.11.1
# Debian sources come from the Debian mirror this machine's apt sources
# name (or $DEBIAN_MIRROR), the module from the Go module proxy. Files are cached in $RUKU_EXTERNAL_PDFS
# (default ~/.cache/ruku/external); nothing is fetched when they are there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sums="$root/cmd/ruku/testdata/external/SHA256SUMS"
dest=${RUKU_EXTERNAL_PDFS:-${XDG_CACHE_HOME:-$HOME/.cache}/ruku/external}
# apt_mirror: the first Debian archive (not -security) apt is configured with.
apt_mirror() {
  command -v apt-get >/dev/null 2>&1 || return 0
  apt-get indextargets --format '$(REPO_URI) $(SUITE) $(ORIGIN)' 2>/dev/null |
    awk '$3 == "Debian" && $2 !~ /-security$/ { sub(/\/$/, "", $1); print $1; exit }'
}
mirror=${DEBIAN_MIRROR:-$(apt_mirror)}

mkdir -p "$dest"
if (cd "$dest" && sha256sum --quiet --status -c "$sums") 2>/dev/null; then
  echo "export RUKU_EXTERNAL_PDFS=$dest"
  exit 0
fi

# suite_files SUITE: the paths SHA256SUMS lists for SUITE, without the prefix.
suite_files() { awk -v s="$1/" 'index($0, s) { sub(/^[0-9a-f]+  /, ""); print substr($0, length(s) + 1) }' "$sums"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# debian_suite SUITE POOL TARBALL SHA256 TOPDIR: the suite's files from a
# Debian source tarball.
debian_suite() {
  [ -n "$mirror" ] || { echo "no Debian mirror in the apt sources; set DEBIAN_MIRROR" >&2; exit 1; }
  local suite=$1 pool=$2 tarball=$3 sha=$4 top=$5 files
  echo "fetching $suite test PDFs from $mirror" >&2
  curl -fsSL "$mirror/pool/main/$pool/$tarball" -o "$tmp/$tarball"
  echo "$sha  $tmp/$tarball" | sha256sum --quiet -c
  mapfile -t files < <(suite_files "$suite")
  mkdir -p "$dest/$suite"
  tar -xf "$tmp/$tarball" -C "$dest/$suite" --strip-components=1 "${files[@]/#/$top/}"
}
debian_suite pdfjs p/pdf.js pdf.js_2.14.305+dfsg.orig.tar.xz \
  c6248d0b329c9edbea169740571561fd0941d9ff634c1b4c7bdaca5d681f34ce pdf.js-2.14.305
debian_suite pypdf p/pypdf pypdf_3.4.1.orig.tar.xz \
  97fba6fca8f51945bc44a7875dec9c21d670a08a4b0f045e1360f2803ec6abc6 pypdf-3.4.1
debian_suite pdfminer p/pdfminer pdfminer_20221105+dfsg.orig.tar.xz \
  f1f162956168a27fb3be36072f2cc746d2a2de8a6dd2d44c60a6cc6f21c62f9c pdfminer.six-20221105

echo "fetching pdfcpu samples from the Go module proxy" >&2
mod=github.com/pdfcpu/pdfcpu@v0.11.1
dir=$(cd "$tmp" && GOFLAGS= GO111MODULE=on go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "go mod download $mod failed" >&2; exit 1; }
while IFS= read -r f; do
  mkdir -p "$dest/pdfcpu/$(dirname "$f")"
  cp "$dir/$f" "$dest/pdfcpu/$f"
  chmod u+w "$dest/pdfcpu/$f"
done < <(suite_files pdfcpu)

(cd "$dest" && sha256sum --quiet -c "$sums") >&2
echo "export RUKU_EXTERNAL_PDFS=$dest"
