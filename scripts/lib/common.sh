# shellcheck shell=bash
# Shared helpers for the scripts under scripts/. Source it; it defines functions only.

# Absolute path of the repository root (the parent of scripts/).
KD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export KD_ROOT

kd_log() { printf '%s\n' "$*" >&2; }
kd_warn() { printf 'warning: %s\n' "$*" >&2; }
kd_die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

kd_is_root() { [[ "$(id -u)" -eq 0 ]]; }

# kd_dotenv_get KEY [FILE]: print the value of KEY from a .env-style file (last assignment wins),
# with one level of surrounding quotes removed. Prints nothing when the file or key is missing.
kd_dotenv_get() {
  local key="$1" file="${2:-$KD_ROOT/.env}" line value
  [[ -f "$file" ]] || return 0
  line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}=" "$file" | tail -n 1 || true)"
  [[ -n "$line" ]] || return 0
  value="${line#*=}"
  if [[ "$value" =~ ^\"(.*)\"[[:space:]]*$ || "$value" =~ ^\'(.*)\'[[:space:]]*$ ]]; then
    value="${BASH_REMATCH[1]}"
  else
    value="${value%%[[:space:]]#*}"
    value="${value%"${value##*[![:space:]]}"}"
  fi
  printf '%s' "$value"
}

# kd_url_host_port URL DEFAULT_PORT: print "host port" of the first server in URL
# (scheme://[user[:pass]@]host[:port][/path][?query], also comma-separated server lists).
kd_url_host_port() {
  local url="$1" default_port="$2" rest host port
  rest="${url#*://}"
  rest="${rest%%,*}"
  rest="${rest%%/*}"
  rest="${rest%%\?*}"
  rest="${rest##*@}"
  if [[ "$rest" =~ ^\[([^]]*)\](:([0-9]+))?$ ]]; then
    host="${BASH_REMATCH[1]}"
    port="${BASH_REMATCH[3]}"
  elif [[ "$rest" =~ ^([^:]*)(:([0-9]+))?$ ]]; then
    host="${BASH_REMATCH[1]}"
    port="${BASH_REMATCH[3]}"
  else
    host="$rest"
  fi
  printf '%s %s\n' "${host:-127.0.0.1}" "${port:-$default_port}"
}

kd_is_local_host() {
  case "$1" in
    127.0.0.1 | localhost | ::1 | '') return 0 ;;
    *) return 1 ;;
  esac
}

# kd_now: seconds since the epoch with microseconds (bash 5).
kd_now() { printf '%s' "${EPOCHREALTIME:-$(date +%s)}"; }

# kd_elapsed START: seconds since START (from kd_now), one decimal.
kd_elapsed() { awk -v s="$1" -v e="$(kd_now)" 'BEGIN { printf "%.1f", e - s }'; }
