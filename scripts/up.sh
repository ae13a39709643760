#!/usr/bin/env bash
# The one start command for a fresh clone (`npm run up`):
#   services (PostgreSQL, NATS with JetStream) -> npm ci when needed -> build -> .env -> npm start
#
# .env is created on the first run only (never overwritten): a random JWT_SECRET plus every other
# variable from .env.example, commented out. `npm start` then runs the migrations and the apps.
# --monitoring also runs Prometheus (127.0.0.1:9090), Alertmanager (127.0.0.1:9093) and the
# exporters from the Debian packages with infra/'s configuration, scraping the local apps
# (installed when missing; scripts/monitoring.mjs, docs/operations.md "Monitoring without Docker").
# Env: KD_SKIP_INSTALL=1 never runs `npm ci`; everything else is passed on to `npm start`.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=lib/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deps.sh"

cd "$KD_ROOT"

for arg in "$@"; do
  case "$arg" in
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    --monitoring) export KD_MONITORING=1 ;;
    *) kd_die "unknown argument: $arg (try --help)" ;;
  esac
done

bash "$KD_ROOT/scripts/ensure-services.sh"

kd_ensure_deps

kd_log "==> npm run build"
start="$(kd_now)"
mkdir -p dist
# The stamp gets the time the build started, so sources edited during the build count as newer.
touch dist/.build-stamp.next
npm run -s build || kd_die "build failed"
mv -f dist/.build-stamp.next dist/.build-stamp
kd_log "<== build ok ($(kd_elapsed "$start")s)"

create_env() {
  local secret tmp
  secret="$(node -e "process.stdout.write(require('node:crypto').randomBytes(48).toString('base64url'))")"
  [[ "${#secret}" -ge 64 ]] || kd_die "could not generate JWT_SECRET"
  tmp="$(mktemp .env.XXXXXX)"
  {
    printf '# Local configuration for kaltura-discord, created by "npm run up" on %s.\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf '# Git-ignored; never overwritten by the scripts. Documentation: .env.example.\n'
    printf '# Uncomment and change what you need; variables set in the environment win.\n\n'
    printf 'JWT_SECRET=%s\n\n' "$secret"
    if [[ -f .env.example ]]; then
      # Without its opening paragraph (it is about this file); comments stay as they are,
      # assignments are commented out; JWT_SECRET is set above.
      awk 'NR == 1, /^[[:space:]]*$/ { next } { print }' .env.example |
        grep -vE '^[[:space:]]*(export[[:space:]]+)?JWT_SECRET=' |
        sed -E 's/^([[:space:]]*(export[[:space:]]+)?[A-Za-z_][A-Za-z0-9_]*=)/# \1/'
    fi
  } >"$tmp"
  chmod 600 "$tmp"
  # Hard link: fails instead of overwriting if .env appeared meanwhile.
  if ln "$tmp" .env 2>/dev/null; then
    kd_log "Created .env with a random JWT_SECRET (other settings commented out; see .env.example)."
  fi
  rm -f "$tmp"
}

if [[ ! -e .env ]]; then
  create_env
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git check-ignore -q .env; then
    kd_warn ".env is not git-ignored: add it to .gitignore, it holds secrets"
  fi
fi

exec npm start
