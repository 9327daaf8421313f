#!/bin/sh
# Everything the tests need, on a fresh Debian machine with Python 3.11 or newer:
# Debian's Chromium and a Korean font (the preview tests drive a headless browser),
# the system libraries of Qt WebEngine (the Anki desktop test), then a virtual
# environment with deckgen and its test dependencies (anki, aqt, pytest, ...).
set -eu
cd "$(dirname "$0")/.."

PACKAGES="chromium fonts-noto-cjk libegl1 libgl1 libnss3 libxkbcommon0 libxkbfile1 libxtst6 libpulse0 libpcsclite1"
if ! dpkg -s $PACKAGES >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != "0" ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $PACKAGES >/dev/null
fi

python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
