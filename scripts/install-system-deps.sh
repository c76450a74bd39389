#!/usr/bin/env bash
# Installs the Debian packages Vigil's tests need. Idempotent: installs only what is missing.
set -euo pipefail

# systemd gives journalctl; systemd-journal-remote writes the journal files the journald tests read.
# fail2ban gives fail2ban-regex, the peer in the detection benchmark.
packages=(chromium fail2ban fonts-liberation openssl systemd systemd-journal-remote)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (${packages[*]})"
  exit 0
fi

echo "system packages: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
