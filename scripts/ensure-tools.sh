#!/usr/bin/env bash
# Makes sure promtool and amtool (Debian packages prometheus, prometheus-alertmanager) are
# installed: the infra tests check the Prometheus rules and the Alertmanager routing with them.
# Only the command-line tools are needed; the packages' services are not started.
set -euo pipefail
missing=()
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-tools: missing ${missing[*]}; run: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "ensure-tools: installing ${missing[*]} (for promtool / amtool)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
}
# The packages enable their services; stop them where something started them (no systemd here).
pkill -x prometheus 2>/dev/null || true
pkill -x prometheus-alertmanager 2>/dev/null || true
command -v promtool >/dev/null && command -v amtool >/dev/null
