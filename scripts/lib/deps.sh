# shellcheck shell=bash
# kd_ensure_deps: run `npm ci` when the installed dependencies may be stale.
#
# node_modules/.kd-installed is touched after every successful install; dependencies are
# reinstalled when node_modules or the stamp is missing, or when package-lock.json or
# package.json is newer than the stamp. In CI (CI set and non-empty) they are always installed.
# KD_SKIP_INSTALL=1 skips the check entirely.
#
# package-lock.json records every platform build of packages with per-platform optional
# dependencies (scripts/lock-platform-entries.mjs adds those this machine's registry does not
# serve); without them npm 11's `npm ci` would refuse the lock as "not in sync" (npm/cli#8805).
# After `npm install`, run `node scripts/lock-platform-entries.mjs` before committing the lock.
#
# Requires scripts/lib/common.sh to be sourced first.

kd_ensure_deps() {
  local stamp="$KD_ROOT/node_modules/.kd-installed" reason=""
  if [[ "${KD_SKIP_INSTALL:-}" == 1 ]]; then
    return 0
  fi
  command -v node >/dev/null 2>&1 || kd_die "node is not on PATH (Node.js 20.19+ is required)"
  command -v npm >/dev/null 2>&1 || kd_die "npm is not on PATH"
  [[ -f "$KD_ROOT/package-lock.json" ]] || kd_die "package-lock.json is missing: npm ci needs it"

  if [[ -n "${CI:-}" ]]; then
    reason="CI"
  elif [[ ! -d "$KD_ROOT/node_modules" ]]; then
    reason="node_modules is missing"
  elif [[ ! -f "$stamp" ]]; then
    reason="no install stamp (node_modules/.kd-installed)"
  elif [[ "$KD_ROOT/package-lock.json" -nt "$stamp" ]]; then
    reason="package-lock.json changed"
  elif [[ "$KD_ROOT/package.json" -nt "$stamp" ]]; then
    reason="package.json changed"
  fi
  [[ -n "$reason" ]] || return 0

  kd_log "==> npm ci ($reason)"
  local start log
  start="$(kd_now)"
  log="$(mktemp "${TMPDIR:-/tmp}/kd-npm-ci.XXXXXX")"
  if (cd "$KD_ROOT" && npm ci --no-audit --no-fund) >"$log" 2>&1; then
    grep -E '^(added|removed|changed|up to date)' "$log" >&2 || true
  else
    tail -n 40 "$log" >&2
    rm -f "$log"
    kd_die "npm ci failed (output above); if it says the lock is not in sync: npm install && node scripts/lock-platform-entries.mjs"
  fi
  rm -f "$log"
  touch "$stamp"
  kd_log "<== dependencies installed in $(kd_elapsed "$start")s"
}
