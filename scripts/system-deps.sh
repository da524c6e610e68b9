#!/usr/bin/env bash
# Install the Debian packages given as arguments when any is missing.
# make site needs Pango and a font for WeasyPrint; make test also needs
# chromium (browser tests), poppler-utils (pdftoppm) and zbar-tools (zbarimg),
# and nodejs and npm when npm is missing (npm installs axe-core for the accessibility tests).
set -euo pipefail
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then
    sudo=(sudo)
  else
    echo "error: not root; install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
