#!/usr/bin/env bash
# Installs the fonts that Folio finds by name instead of bundling them (see
# fonts/README.md): Noto Sans CJK and Noto Serif CJK, for Chinese, Japanese
# and Korean text, from Debian's `fonts-noto-cjk` (about 90 MB installed).
# Needs apt-get and root (or sudo). Does nothing when they are installed.
set -euo pipefail

installed() {
    find /usr/share/fonts /usr/local/share/fonts "${HOME:-/nonexistent}/.local/share/fonts" \
        -iname 'NotoSansCJK*' -print -quit 2>/dev/null | grep -q .
}

if installed; then
    echo "CJK fonts: already installed"
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends fonts-noto-cjk
installed
echo "CJK fonts: installed"
