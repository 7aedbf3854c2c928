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
stage typecheck npx tsc -b
stage lint npx eslint .
stage format format_check
stage build build_all
shopt -s nullglob
files=(test/unit/*.test.ts test/engine/*.test.ts test/process/*.test.ts test/api/*.test.ts test/watch/*.test.ts test/package/*.test.ts)
stage "node tests (${#files[@]} files)" node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
if [ -f playwright.config.ts ]; then stage e2e e2e; fi
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED stages: %s\n' "$(IFS=,; echo "${failed[*]}")" >&2
  exit 1
fi
echo "all stages passed"
