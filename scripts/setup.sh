#!/usr/bin/env bash
# Set up govdisclosure on a fresh Debian machine: system packages (when root), a
# virtual environment in .venv and the package with its extras.
#   bash scripts/setup.sh          # the tool
#   bash scripts/setup.sh dev      # the tool and everything the tests need
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"

# Debian packages the project needs.  Listed here, installed only when missing.
# The PDF needs Pango and HarfBuzz's subsetter (without it a CJK PDF takes 15 s, not 0.5 s),
# fontconfig's tools and a Chinese font.
# fonts-arphic-ukai is the free 楷体 (Kai) face the PDF uses for second-level headings when the
# licensed 楷体_GB2312 is not there; Noto CJK gives the other roles (see docs/exporters.md).
apt_packages=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk
  fonts-arphic-ukai)
if [ "$extras" = "dev" ]; then
  # Tests look at the HTML in a real browser and at the Word files through LibreOffice,
  # with the Chinese faces a reader has, and read PDFs with poppler's tools.
  # fonts-arphic-ukai: a free 楷体 face for the （一） headings of the PDFs (also in the base list).
  apt_packages+=(chromium libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-arphic-ukai)
fi

# Another apt or dpkg (an unattended upgrade, a second set-up) holds the lock: wait for it with a
# word, instead of failing at once.  SETUP_APT_WAIT caps the wait (seconds), SETUP_APT_POLL the pace.
apt_busy() {
  if command -v fuser >/dev/null 2>&1; then
    fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock >/dev/null 2>&1
  else
    pgrep -x 'apt|apt-get|aptitude|dpkg|unattended-upgr' >/dev/null 2>&1
  fi
}
wait_for_apt() {
  local waited=0 busy=0 limit="${SETUP_APT_WAIT:-900}" poll="${SETUP_APT_POLL:-5}"
  while apt_busy; do
    if [ "$waited" -ge "$limit" ]; then
      echo "setup: another apt/dpkg still holds the package lock after ${waited}s; run this again when it is done" >&2
      exit 1
    fi
    if [ "$busy" = 0 ]; then
      busy=1
      echo "setup: another apt/dpkg is running (it holds the package lock); waiting for it to finish..." >&2
    fi
    sleep "$poll"
    waited=$((waited + poll))
  done
  if [ "$busy" = 1 ]; then echo "setup: the package lock is free (waited ${waited}s)" >&2; fi
}

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
# A Python with a working venv module (pyenv or the like) does not need python3-venv.
if python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing=("${missing[@]/python3-venv/}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    wait_for_apt
    # apt itself also waits (up to 10 minutes) should another apt take the lock between our check and it.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
pip_install() {
  # This machine's pip configuration names local indexes that may be absent; their warnings are noise.
  .venv/bin/python -m pip install -q --disable-pip-version-check "$@" 2>&1 | { grep -v "^WARNING: Location" || true; }
}
if [ "$extras" = "dev" ]; then
  pip_install -e ".[all,dev]"
  # The example third-party plugin, installed as a user would install it (found by its entry point).
  pip_install --force-reinstall --no-deps ./plugins/govdisclosure-xlsx
  pip_install openpyxl
  # The second PDF engine, a plugin like any third party's: the pdf-typst format.
  pip_install --force-reinstall --no-deps ./plugins/govdisclosure-typst
  pip_install "typst>=0.14,<0.16" "fonttools>=4.40"
else
  pip_install -e ".[all]"
fi
# As pip compiles the .pyc files, compile the methods attrs and cattrs generate for the model once
# (govdisclosure._codecache keeps them beside the .pyc files): the first command is as quick as the next.
env -u PYTHONDONTWRITEBYTECODE .venv/bin/python -c '
import glob, govdisclosure
for name in sorted(glob.glob("examples/*.yaml")):
    report = govdisclosure.load(name)
    govdisclosure.validate(report)
    govdisclosure.dumps_json(report)
' >/dev/null 2>&1 || true
echo "setup: ready ($(.venv/bin/govdisclosure --version))"
