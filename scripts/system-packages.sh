#!/usr/bin/env bash
# Sourced by test.sh and run.sh: installs Debian packages that are missing (idempotent), and npm when the machine has
# none (the build runs `npm ci` for the dashboard's chart library; a machine that already has Node.js keeps its own).

install_system_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]} == 0)); then
    return
  fi
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo -E"; fi
  echo "$(basename "$0"): installing ${missing[*]}"
  $sudo apt-get update -qq
  # apt sometimes loses an archive from its temporary folder (STACK.md): a second try with another TMPDIR works.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" \
    || DEBIAN_FRONTEND=noninteractive TMPDIR="$(mktemp -d)" $sudo apt-get install -y -qq "${missing[@]}"
}

ensure_npm() {
  command -v npm >/dev/null || install_system_packages npm
  command -v npm >/dev/null || { echo "$(basename "$0"): npm is required (the build installs the dashboard's chart library)" >&2; exit 1; }
}
