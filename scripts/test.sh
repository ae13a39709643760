#!/usr/bin/env bash
# The one test command (`npm test`): services, dependencies, lint, typecheck, then the Jest tiers.
#
# Usage: scripts/test.sh [unit|int|e2e|all ...] [-- extra jest args]
#   Tiers run in the order unit, int, e2e; default all. Lint and typecheck always run first
#   unless KD_SKIP_LINT=1. Arguments after `--` are passed to every Jest tier run; use Jest's
#   options, not bare path patterns (they would be taken as --selectProjects names), e.g.
#   scripts/test.sh unit -- --testPathPatterns codec -t 'round-trips'.
#   Stops at the first failing step with its exit code.
# Env: CI            set: always `npm ci` (else only when node_modules is missing or stale)
#      KD_SKIP_LINT  1: skip lint and typecheck
#      KD_SKIP_INSTALL 1: never run `npm ci`
#      KD_TEST_DATABASE_URL / KD_TEST_NATS_URL: servers the int/e2e tests use (default local)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=lib/deps.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/deps.sh"

cd "$KD_ROOT"
export TZ=UTC

want_unit=0 want_int=0 want_e2e=0
jest_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    unit) want_unit=1 ;;
    int) want_int=1 ;;
    e2e) want_e2e=1 ;;
    all) want_unit=1 want_int=1 want_e2e=1 ;;
    --)
      shift
      jest_args=("$@")
      break
      ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) kd_die "unknown argument '$1' (expected unit, int, e2e, all, or -- followed by jest arguments)" ;;
  esac
  shift
done
if [[ $((want_unit + want_int + want_e2e)) -eq 0 ]]; then
  want_unit=1 want_int=1 want_e2e=1
fi

steps=()
if [[ "${KD_SKIP_LINT:-}" != 1 ]]; then steps+=(lint typecheck); fi
if [[ "$want_unit" == 1 ]]; then steps+=(test:unit); fi
if [[ "$want_int" == 1 ]]; then steps+=(test:int); fi
if [[ "$want_e2e" == 1 ]]; then steps+=(test:e2e); fi

# Keep Jest's colours on a terminal although its output also goes through tee.
if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then export FORCE_COLOR="${FORCE_COLOR:-1}"; fi

TOTAL_START="$(kd_now)"
LOGDIR="$(mktemp -d "${TMPDIR:-/tmp}/kd-test.XXXXXX")"
trap 'rm -rf "$LOGDIR"' EXIT

# Integration and end-to-end tests need PostgreSQL and NATS: the ones the tests connect to.
if [[ "$want_int" == 1 || "$want_e2e" == 1 ]]; then
  start="$(kd_now)"
  DATABASE_URL="${KD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}" \
    NATS_URL="${KD_TEST_NATS_URL:-nats://127.0.0.1:4222}" \
    bash "$KD_ROOT/scripts/ensure-services.sh"
  kd_log "services: PostgreSQL and NATS ready ($(kd_elapsed "$start")s)"
  # Command-line tools some of those tests run (promtool, amtool), when the project has such a script.
  if [[ -f "$KD_ROOT/scripts/ensure-tools.sh" ]]; then
    bash "$KD_ROOT/scripts/ensure-tools.sh"
  fi
fi

kd_ensure_deps

# Jest prints "Tests: 1 failed, 2 skipped, 10 passed, 13 total"; add those up over the tiers.
passed=0 failed=0 skipped=0 counted=0
count_tests() {
  local line
  line="$(sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^Tests:' | tail -n 1 || true)"
  [[ -n "$line" ]] || return 0
  counted=1
  passed=$((passed + $(sum_of passed <<<"$line")))
  failed=$((failed + $(sum_of failed <<<"$line")))
  skipped=$((skipped + $(sum_of 'skipped|todo' <<<"$line")))
}
# sum_of WORDS: sum of the numbers standing before WORDS (an ERE alternation) on stdin.
sum_of() { { grep -oE "[0-9]+ ($1)" || true; } | awk '{ s += $1 } END { print s + 0 }'; }

i=0
for step in "${steps[@]}"; do
  i=$((i + 1))
  args=()
  if [[ "$step" == test:* && ${#jest_args[@]} -gt 0 ]]; then args=(-- "${jest_args[@]}"); fi
  kd_log ""
  kd_log "==> [$i/${#steps[@]}] $step: npm run -s $step${args[*]:+ ${args[*]}}"
  start="$(kd_now)"
  log="$LOGDIR/${step//:/-}.log"
  set +e
  if [[ "$step" == test:* ]]; then
    npm run -s "$step" "${args[@]}" 2>&1 | tee "$log"
    rc="${PIPESTATUS[0]}"
  else
    npm run -s "$step"
    rc=$?
  fi
  set -e
  if [[ "$step" == test:* ]]; then count_tests "$log"; fi
  if [[ "$rc" -ne 0 ]]; then
    kd_log "<== [$i/${#steps[@]}] $step FAILED (exit $rc) after $(kd_elapsed "$start")s"
    [[ "$counted" == 1 ]] && printf 'jest: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
    exit "$rc"
  fi
  kd_log "<== [$i/${#steps[@]}] $step ok ($(kd_elapsed "$start")s)"
done

kd_log ""
kd_log "All ${#steps[@]} steps passed in $(kd_elapsed "$TOTAL_START")s: ${steps[*]}"
if [[ "$counted" == 1 ]]; then printf 'jest: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"; fi
