#!/usr/bin/env bash
# Installs the Debian packages Vigil's tests need. Idempotent: installs only what is missing.
set -euo pipefail

# systemd gives journalctl; systemd-journal-remote writes the journal files the journald tests read.
# fail2ban gives fail2ban-regex, the peer in the detection benchmark.
# nftables, iproute2 (ip netns, veth), iptables and ipset: the firewall tests block real traffic
# between network namespaces, with nft and with the iptables + ipset fallback.
# passwd, procps and util-linux give useradd/usermod, pkill and runuser for the account-lock test.
# openssh-server, openssh-client and sshpass: the SSH brute-force end-to-end test attacks a real sshd
# in a namespace; python3-pyinotify lets fail2ban (the peer in the response-latency benchmark) watch
# files without polling.
# lynis is the peer in the host-audit benchmark; python3-apt (libapt-pkg) the peer in the version-comparison
# benchmark, and zip packs the generated OSV feed of the vulnerability benchmark.
# Network audits: nginx and redis-server are real services the scan tests identify and check; nmap,
# sslscan, testssl.sh and ssh-audit are the peers in the network-audit benchmarks (never the engine);
# gnutls-bin's gnutls-serv is the one Debian TLS server that still offers RC4 and 3DES (TLS audit tests).
packages=(chromium fail2ban fonts-liberation gnutls-bin iproute2 ipset iptables lynis nftables nginx nmap openssh-client
  openssh-server openssl passwd procps python3-apt python3-pyinotify redis-server ssh-audit sshpass sslscan systemd
  systemd-journal-remote testssl.sh util-linux zip)

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
