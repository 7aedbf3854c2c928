#!/usr/bin/env bash
# The whole test suite (npm test): static checks, the Node and Electron bundles, unit/engine/process/api/watch/package
# tests, then the browser and Electron end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f playwright.config.ts ] && [ ! -x /usr/bin/chromium ]; then
  echo "The browser tests need Debian's Chromium at /usr/bin/chromium: sudo apt-get install -y chromium xvfb fonts-dejavu-core fonts-noto-cjk img2pdf poppler-utils qpdf" >&2
  exit 1
fi
# Every stage runs even when an earlier one fails, so one run reports every failure; the exit status is 1 if any did.
failed=()
stage() {
  local name=$1
  shift
  echo "== $name"
  "$@" || failed+=("$name")
}
format_check() { npx prettier --check . > /dev/null || { npx prettier --check .; return 1; }; }
build_all() { npm run -s build && npm run -s build:electron; }
e2e() {
  # The _electron specs need a display: on Linux without one, Playwright runs under a virtual X server (xvfb-run, from
  # the xvfb package .ci/run installs). Where no Electron binary is installed those specs skip and say why.
  if [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}" ] && command -v xvfb-run > /dev/null; then
    xvfb-run -a -s "-screen 0 1280x1024x24" npx playwright test
  else
    npx playwright test
  fi
}
# The static checks and the build each use about one core (tsc, ESLint and Prettier are single-threaded), so they run
# side by side; each one's output is printed under its name once all are done. They write to disjoint places (tsc to
# node_modules/.cache/tsc, the build to dist/, which ESLint and Prettier ignore).
side_by_side() {
  local out names=() pids=() i rc
  out=$(mktemp -d)
  while [ $# -gt 0 ]; do
    names+=("$1")
    ("$2" > "$out/${#pids[@]}.log" 2>&1) &
    pids+=($!)
    shift 2
  done
  for i in "${!pids[@]}"; do
    rc=0
    wait "${pids[$i]}" || rc=$?
    echo "== ${names[$i]}"
    cat "$out/$i.log"
    [ "$rc" -eq 0 ] || failed+=("${names[$i]}")
  done
  rm -rf "$out"
}
typecheck() { npx tsc -b; }
lint() { npx eslint .; }
side_by_side typecheck typecheck lint lint format format_check build build_all
shopt -s nullglob
# The Node test files run two at a time: each is its own process with its own temporary folders, ports (0: the system
# picks), bundles and child processes, and each waits on events, not on a clock, so two at once only slow each other
# down; much of a file's time is single-threaded (module loading, our own JavaScript, process starts), which leaves the
# second core to the other. These run alone: they block their event loop on purpose or fill PDFium's heap to its cap.
serial=(test/unit/heartbeat-stall.test.ts test/unit/documents-pdf-bomb.test.ts test/unit/document-thread-retire.test.ts)
parallel=()
for f in test/unit/*.test.ts test/engine/*.test.ts test/process/*.test.ts test/api/*.test.ts test/watch/*.test.ts \
  test/package/*.test.ts; do
  [[ " ${serial[*]} " == *" $f "* ]] || parallel+=("$f")
done
node_tests() { node --import tsx --test --test-reporter=spec "$@"; }
stage "node tests, two files at a time (${#parallel[@]} files)" node_tests --test-concurrency=2 "${parallel[@]}"
stage "node tests, one at a time (${#serial[@]} files)" node_tests --test-concurrency=1 "${serial[@]}"
if [ -f playwright.config.ts ]; then stage e2e e2e; fi
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED stages: %s\n' "$(IFS=,; echo "${failed[*]}")" >&2
  exit 1
fi
echo "all stages passed"
