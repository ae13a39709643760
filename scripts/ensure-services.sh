#!/usr/bin/env bash
# Make sure the services this project needs are running:
#   - PostgreSQL on 127.0.0.1:5432, user postgres without a password over TCP
#   - NATS with JetStream on 127.0.0.1:4222
# Installs them from Debian's packages (as root) when missing, starts them when stopped, and waits
# until they answer. Idempotent; prints nothing when everything is already up (use -v to see a
# status line per service).
#
# DATABASE_URL / NATS_URL (from the environment, else from .env) choose the servers. When they point
# anywhere but 127.0.0.1/localhost on the standard port, the server is only checked for
# reachability: nothing is installed or started.
#
# Usage: scripts/ensure-services.sh [-v|--verbose] [--postgres-only|--nats-only]
# Env:   KD_SERVICES_TIMEOUT  seconds to wait for each service (default 60)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

VERBOSE="${KD_VERBOSE:-0}"
DO_PG=1
DO_NATS=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    -v | --verbose) VERBOSE=1 ;;
    --postgres-only) DO_NATS=0 ;;
    --nats-only) DO_PG=0 ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) kd_die "unknown argument: $1 (try --help)" ;;
  esac
  shift
done

TIMEOUT="${KD_SERVICES_TIMEOUT:-60}"
[[ "$TIMEOUT" =~ ^[0-9]+$ ]] || kd_die "KD_SERVICES_TIMEOUT must be a whole number of seconds, got '$TIMEOUT'"

PG_DEFAULT_URL='postgres://postgres@127.0.0.1:5432/kaltura_discord'
NATS_DEFAULT_URL='nats://127.0.0.1:4222'
PG_PORT_STD=5432
NATS_PORT_STD=4222
NATS_BIN_STD=/usr/sbin/nats-server
NATS_STORE=/var/lib/nats-server
NATS_LOG=/var/log/nats-server.log

say() { if [[ "$VERBOSE" == 1 ]]; then kd_log "$@"; fi; }
# Something was done (installed, started, reconfigured): always worth a line.
act() { kd_log "$@"; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/kd-ensure-services.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Serialize concurrent runs (two terminals running the tests, say): one installer/starter at a time.
# Every command that may leave a daemon behind runs with fd 9 closed (`9>&-`), or the daemon would
# hold the lock for its whole life.
if command -v flock >/dev/null 2>&1; then
  LOCK="${TMPDIR:-/tmp}/kd-ensure-services.$(id -u).lock"
  exec 9>>"$LOCK"
  flock -w 600 9 || kd_die "another ensure-services.sh run holds $LOCK for more than 10 minutes"
fi

# ---------------------------------------------------------------------------------------------
# apt
APT_UPDATED=0
apt_install() {
  local what="$1"
  shift
  if ! kd_is_root; then
    kd_die "$what is not installed. Install it as root, then rerun:
    sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y $*"
  fi
  command -v apt-get >/dev/null 2>&1 || kd_die "$what is not installed and apt-get is not available: install $* yourself"
  if [[ "$APT_UPDATED" == 0 ]]; then
    act "Installing $what: apt-get update ..."
    if ! apt-get update >"$WORK/apt.log" 2>&1 9>&-; then
      tail -n 20 "$WORK/apt.log" >&2
      kd_die "apt-get update failed (output above)"
    fi
    APT_UPDATED=1
  fi
  act "Installing $what: apt-get install -y $* ..."
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >"$WORK/apt.log" 2>&1 9>&-; then
    tail -n 30 "$WORK/apt.log" >&2
    kd_die "apt-get install -y $* failed (output above)"
  fi
}

# Wait for a command to succeed. Usage: wait_for SECONDS DESCRIPTION cmd args...
# Keeps the command's last output in $WAIT_LAST.
WAIT_LAST=""
wait_for() {
  local seconds="$1" desc="$2" deadline
  shift 2
  deadline=$((SECONDS + seconds))
  while true; do
    if WAIT_LAST="$("$@" 2>&1)"; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      say "$desc: gave up after ${seconds}s"
      return 1
    fi
    sleep 0.5
  done
}

# shellcheck disable=SC2016 # $1/$2 expand in the inner shell
tcp_open() { timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null; }

# ---------------------------------------------------------------------------------------------
# PostgreSQL

PG_ISREADY=""
PSQL=""
pg_find_clients() {
  PG_ISREADY="$(command -v pg_isready || true)"
  PSQL="$(command -v psql || true)"
  local bindir
  bindir="$(pg_server_bindir)"
  if [[ -z "$PG_ISREADY" && -n "$bindir" && -x "$bindir/pg_isready" ]]; then PG_ISREADY="$bindir/pg_isready"; fi
  if [[ -z "$PSQL" && -n "$bindir" && -x "$bindir/psql" ]]; then PSQL="$bindir/psql"; fi
}

# Newest /usr/lib/postgresql/<ver>/bin that holds a server binary.
pg_server_bindir() {
  local d
  d="$(find /usr/lib/postgresql -mindepth 3 -maxdepth 3 -path '*/bin/postgres' -type f 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$d" ]] && dirname "$d"
  return 0
}

pg_server_installed() { command -v pg_ctlcluster >/dev/null 2>&1 && [[ -n "$(pg_server_bindir)" ]]; }

pg_isready_at() { "$PG_ISREADY" -h "$1" -p "$2" -t 3; }

# Runs `select 1` as postgres over TCP, never prompting for a password.
pg_select1() {
  PGCONNECT_TIMEOUT=5 "$PSQL" -X -w -h "$1" -p "$2" -U postgres -d postgres -Atqc 'select 1'
}

is_auth_error() { grep -qiE 'authentication failed|no password supplied|pg_hba\.conf|password is required' <<<"$1"; }

# Sets PG_VER PG_NAME PG_CPORT PG_STATUS PG_OWNER PG_LOG for the cluster to use: the one on port
# 5432, else the newest "main", else the first listed. Returns 1 when there is no cluster.
pg_pick_cluster() {
  local lines line ver name port status owner log best=""
  lines="$(pg_lsclusters -h 2>/dev/null || true)"
  [[ -n "$lines" ]] || return 1
  while read -r ver name port status owner _ log; do
    [[ -n "$ver" ]] || continue
    line="$ver $name $port $status $owner $log"
    if [[ "$port" == "$PG_PORT_STD" ]]; then
      best="$line"
      break
    fi
    if [[ -z "$best" || "$name" == main ]]; then best="$line"; fi
  done < <(sort -V <<<"$lines")
  [[ -n "$best" ]] || return 1
  read -r PG_VER PG_NAME PG_CPORT PG_STATUS PG_OWNER PG_LOG <<<"$best"
  return 0
}

# True when we may run pg_ctlcluster for the picked cluster.
pg_can_control() { kd_is_root || [[ "$(id -un)" == "$PG_OWNER" ]]; }

pg_ctl() { pg_ctlcluster --skip-systemctl-redirect "$PG_VER" "$PG_NAME" "$@" 9>&-; }

pg_log_tail() {
  if [[ -n "${PG_LOG:-}" && -r "$PG_LOG" ]]; then
    kd_log "--- last lines of $PG_LOG ---"
    tail -n 15 "$PG_LOG" >&2 || true
  fi
}

HBA_MARK='# kaltura-discord: trust local TCP/socket connections (added by scripts/ensure-services.sh)'

# Auth failed over TCP: put trust rules for the socket, 127.0.0.1 and ::1 at the top of pg_hba.conf
# (the first matching rule wins, so they replace the peer/scram rules a fresh install has), reload.
pg_fix_auth() {
  local err="$1" hba backup
  if ! pg_pick_cluster; then
    kd_die "PostgreSQL on 127.0.0.1:$PG_PORT_STD refused user postgres and no Debian cluster was found to fix:
$err"
  fi
  hba="$(pg_conftool -s "$PG_VER" "$PG_NAME" show hba_file 2>/dev/null || true)"
  [[ -n "$hba" ]] || hba="/etc/postgresql/$PG_VER/$PG_NAME/pg_hba.conf"
  [[ -f "$hba" ]] || kd_die "PostgreSQL refused user postgres over TCP and $hba does not exist:
$err"
  if grep -qF "$HBA_MARK" "$hba"; then
    kd_die "PostgreSQL refused user postgres over TCP although $hba already trusts local connections:
$err"
  fi
  if ! pg_can_control || [[ ! -w "$hba" ]]; then
    kd_die "PostgreSQL refused user postgres over TCP without a password:
$err
Fix (as root): add these lines at the top of $hba, then reload with
  pg_ctlcluster --skip-systemctl-redirect $PG_VER $PG_NAME reload
    local all all trust
    host  all all 127.0.0.1/32 trust
    host  all all ::1/128 trust"
  fi
  backup="$hba.kd-backup.$(date +%Y%m%d%H%M%S)"
  cp -p "$hba" "$backup"
  {
    printf '%s\n' "$HBA_MARK"
    printf 'local   all   all                 trust\n'
    printf 'host    all   all   127.0.0.1/32  trust\n'
    printf 'host    all   all   ::1/128       trust\n'
    printf '# end of kaltura-discord rules; original file follows\n'
    cat "$backup"
  } >"$hba"
  act "PostgreSQL: user postgres could not log in over TCP without a password ($(head -n 1 <<<"$err" | sed 's/^psql: error: //'))."
  act "PostgreSQL: switched socket, 127.0.0.1 and ::1 connections to trust auth in $hba (previous file: $backup); reloading $PG_VER/$PG_NAME."
  pg_ctl reload >"$WORK/pgctl.log" 2>&1 || {
    cat "$WORK/pgctl.log" >&2
    kd_die "pg_ctlcluster $PG_VER $PG_NAME reload failed"
  }
}

pg_check_auth() {
  local host="$1" port="$2"
  if [[ -z "$PSQL" ]]; then
    say "PostgreSQL: psql not found, skipped the login check"
    return 0
  fi
  if wait_for 3 "PostgreSQL login" pg_select1 "$host" "$port"; then
    return 0
  fi
  is_auth_error "$WAIT_LAST" || kd_die "PostgreSQL on $host:$port answers but 'select 1' as user postgres failed:
$WAIT_LAST"
  pg_fix_auth "$WAIT_LAST"
  # A reload is asynchronous: give the postmaster a moment.
  wait_for 10 "PostgreSQL login after reload" pg_select1 "$host" "$port" ||
    kd_die "PostgreSQL still refuses user postgres over TCP after switching to trust auth:
$WAIT_LAST"
}

ensure_local_postgres() {
  local host=127.0.0.1 port="$PG_PORT_STD" bindir ver
  pg_find_clients

  # Fast path: already up.
  if [[ -n "$PG_ISREADY" ]] && pg_isready_at "$host" "$port" >/dev/null 2>&1; then
    pg_check_auth "$host" "$port"
    say "PostgreSQL: ready on $host:$port"
    return 0
  fi
  if [[ -z "$PG_ISREADY" ]] && ! pg_server_installed && tcp_open "$host" "$port"; then
    say "PostgreSQL: something listens on $host:$port (no PostgreSQL tools installed here to check it further)"
    return 0
  fi

  if ! pg_server_installed; then
    apt_install "PostgreSQL" postgresql
    pg_server_installed || kd_die "installed postgresql but found no server binaries under /usr/lib/postgresql"
    pg_find_clients
  fi
  [[ -n "$PG_ISREADY" ]] || kd_die "pg_isready not found although the PostgreSQL server is installed (install postgresql-client)"

  if ! pg_pick_cluster; then
    bindir="$(pg_server_bindir)"
    ver="$(basename "$(dirname "$bindir")")"
    kd_is_root || kd_die "PostgreSQL $ver is installed but has no cluster. Create one as root:
    pg_createcluster -p $PG_PORT_STD $ver main"
    act "PostgreSQL: no cluster exists; creating $ver/main on port $PG_PORT_STD"
    pg_createcluster -p "$PG_PORT_STD" "$ver" main >"$WORK/pgcreate.log" 2>&1 9>&- || {
      cat "$WORK/pgcreate.log" >&2
      kd_die "pg_createcluster $ver main failed"
    }
    pg_pick_cluster || kd_die "created cluster $ver/main but pg_lsclusters does not list it"
  fi

  if [[ "$PG_CPORT" != "$PG_PORT_STD" ]]; then
    kd_die "PostgreSQL cluster $PG_VER/$PG_NAME is set to port $PG_CPORT, not $PG_PORT_STD.
Set 'port = $PG_PORT_STD' in /etc/postgresql/$PG_VER/$PG_NAME/postgresql.conf and restart it, or point DATABASE_URL at port $PG_CPORT."
  fi

  if [[ "$PG_STATUS" == down* ]]; then
    pg_can_control || kd_die "PostgreSQL cluster $PG_VER/$PG_NAME is down. Start it as root (or as $PG_OWNER):
    pg_ctlcluster --skip-systemctl-redirect $PG_VER $PG_NAME start"
    act "PostgreSQL: cluster $PG_VER/$PG_NAME is down; starting it"
    if ! pg_ctl start >"$WORK/pgctl.log" 2>&1; then
      cat "$WORK/pgctl.log" >&2
      pg_log_tail
      kd_die "pg_ctlcluster --skip-systemctl-redirect $PG_VER $PG_NAME start failed"
    fi
  fi

  if ! wait_for "$TIMEOUT" "PostgreSQL" pg_isready_at "$host" "$port"; then
    pg_log_tail
    kd_die "PostgreSQL cluster $PG_VER/$PG_NAME did not accept connections on $host:$port within ${TIMEOUT}s.
Last pg_isready: $WAIT_LAST
Check listen_addresses (must include 127.0.0.1 or be 'localhost') in /etc/postgresql/$PG_VER/$PG_NAME/postgresql.conf."
  fi
  pg_check_auth "$host" "$port"
  act "PostgreSQL: ready on $host:$port (cluster $PG_VER/$PG_NAME)"
}

check_remote_postgres() {
  local host="$1" port="$2"
  pg_find_clients
  if [[ -n "$PG_ISREADY" ]]; then
    wait_for "$TIMEOUT" "PostgreSQL" pg_isready_at "$host" "$port" ||
      kd_die "PostgreSQL at $host:$port (from DATABASE_URL) is not reachable after ${TIMEOUT}s: $WAIT_LAST
(this script installs/starts only a local server on 127.0.0.1:$PG_PORT_STD)"
  else
    wait_for "$TIMEOUT" "PostgreSQL" tcp_open "$host" "$port" ||
      kd_die "nothing answers on $host:$port (DATABASE_URL) after ${TIMEOUT}s
(this script installs/starts only a local server on 127.0.0.1:$PG_PORT_STD)"
  fi
  say "PostgreSQL: $host:$port reachable (not managed here)"
}

# ---------------------------------------------------------------------------------------------
# NATS

# Prints the server's INFO line (the first thing a NATS server sends on connect).
nats_info() {
  # shellcheck disable=SC2016 # $1/$2 expand in the inner shell
  timeout 3 bash -c 'exec 3<>"/dev/tcp/$1/$2" && IFS= read -r line <&3 && printf "%s\n" "$line"' _ "$1" "$2" 2>/dev/null
}

# The nats-server executable: Debian's, else the first on PATH. Empty when there is none.
nats_bin() {
  local b="$NATS_BIN_STD"
  [[ -x "$b" ]] || b="$(command -v nats-server || true)"
  if [[ -n "$b" && -f "$b" && -x "$b" ]]; then printf '%s\n' "$b"; fi
  return 0
}

nats_has_js() { grep -q '"jetstream":true' <<<"$1"; }

nats_info_ok() {
  local info
  info="$(nats_info "$1" "$2")" || return 1
  [[ "$info" == INFO* ]] || {
    printf '%s\n' "$info"
    return 1
  }
  printf '%s\n' "$info"
}

NATS_START_CMD="start-stop-daemon --start --oknodo --background --exec $NATS_BIN_STD -- -a 127.0.0.1 -p $NATS_PORT_STD -js -sd $NATS_STORE -l $NATS_LOG"

die_no_jetstream() {
  local pids
  pids="$(pgrep -a nats-server 2>/dev/null || true)"
  kd_die "NATS on $1:$2 runs without JetStream; this project needs it (-js).
${pids:+Running: $pids
}Stop that server (kill <pid> of the process above, or stop its service), then start it with JetStream:
    mkdir -p $NATS_STORE && $NATS_START_CMD
or rerun this script, which starts it that way."
}

ensure_local_nats() {
  local host=127.0.0.1 port="$NATS_PORT_STD" info bin
  if info="$(nats_info_ok "$host" "$port")"; then
    nats_has_js "$info" || die_no_jetstream "$host" "$port"
    say "NATS: ready with JetStream on $host:$port"
    return 0
  fi
  if tcp_open "$host" "$port"; then
    kd_die "something listens on $host:$port but does not greet like a NATS server${info:+ (it sent: ${info:0:200})}"
  fi

  bin="$(nats_bin)"
  if [[ -z "$bin" ]]; then
    apt_install "NATS server" nats-server
    bin="$(nats_bin)"
    [[ -n "$bin" ]] || kd_die "installed nats-server but found no executable nats-server"
  fi

  local cmd=(start-stop-daemon --start --oknodo --background --exec "$bin" -- -a 127.0.0.1 -p "$port" -js -sd "$NATS_STORE" -l "$NATS_LOG")
  if ! kd_is_root && { ! mkdir -p "$NATS_STORE" 2>/dev/null || [[ ! -w "$NATS_STORE" ]] || ! touch "$NATS_LOG" 2>/dev/null; }; then
    kd_die "NATS is not running on $host:$port. Start it as root:
    mkdir -p $NATS_STORE && ${cmd[*]}"
  fi
  mkdir -p "$NATS_STORE"
  act "NATS: nothing answers on $host:$port; starting $bin with JetStream (store $NATS_STORE, log $NATS_LOG)"
  if command -v start-stop-daemon >/dev/null 2>&1; then
    "${cmd[@]}" >"$WORK/nats.log" 2>&1 9>&- || {
      cat "$WORK/nats.log" >&2
      kd_die "could not start nats-server: ${cmd[*]}"
    }
  else
    # Not Debian-like: detach it ourselves.
    setsid nohup "$bin" -a 127.0.0.1 -p "$port" -js -sd "$NATS_STORE" -l "$NATS_LOG" >/dev/null 2>&1 </dev/null 9>&- &
    disown || true
  fi

  if ! wait_for "$TIMEOUT" "NATS" nats_info_ok "$host" "$port"; then
    local pids
    pids="$(pgrep -a nats-server 2>/dev/null || true)"
    [[ -r "$NATS_LOG" ]] && {
      kd_log "--- last lines of $NATS_LOG ---"
      tail -n 15 "$NATS_LOG" >&2 || true
    }
    kd_die "NATS did not answer on $host:$port within ${TIMEOUT}s.${pids:+
nats-server processes already running (start-stop-daemon --oknodo does not start a second one): $pids}"
  fi
  nats_has_js "$WAIT_LAST" || die_no_jetstream "$host" "$port"
  act "NATS: ready with JetStream on $host:$port"
}

check_remote_nats() {
  local host="$1" port="$2"
  wait_for "$TIMEOUT" "NATS" nats_info_ok "$host" "$port" ||
    kd_die "NATS at $host:$port (from NATS_URL) did not answer with INFO after ${TIMEOUT}s
(this script installs/starts only a local server on 127.0.0.1:$NATS_PORT_STD)"
  nats_has_js "$WAIT_LAST" || kd_warn "NATS at $host:$port does not announce JetStream; the apps need it"
  say "NATS: $host:$port reachable (not managed here)"
}

# ---------------------------------------------------------------------------------------------

main() {
  local url host port
  if [[ "$DO_PG" == 1 ]]; then
    url="${DATABASE_URL:-$(kd_dotenv_get DATABASE_URL)}"
    url="${url:-$PG_DEFAULT_URL}"
    read -r host port <<<"$(kd_url_host_port "$url" "$PG_PORT_STD")"
    if kd_is_local_host "$host" && [[ "$port" == "$PG_PORT_STD" ]]; then
      ensure_local_postgres
    else
      check_remote_postgres "$host" "$port"
    fi
  fi
  if [[ "$DO_NATS" == 1 ]]; then
    url="${NATS_URL:-$(kd_dotenv_get NATS_URL)}"
    url="${url:-$NATS_DEFAULT_URL}"
    read -r host port <<<"$(kd_url_host_port "$url" "$NATS_PORT_STD")"
    if kd_is_local_host "$host" && [[ "$port" == "$NATS_PORT_STD" ]]; then
      ensure_local_nats
    else
      check_remote_nats "$host" "$port"
    fi
  fi
}

main
