#!/usr/bin/env bash
# The whole test suite (npm test): static checks, the Node bundles, unit/engine/process/api tests, then the browser end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -f playwright.config.ts ] && [ ! -x /usr/bin/chromium ]; then
  echo "The browser tests need Debian's Chromium at /usr/bin/chromium: sudo apt-get install -y chromium xvfb fonts-noto-cjk img2pdf poppler-utils" >&2
  exit 1
fi
echo "== typecheck"; npx tsc --noEmit -p .
echo "== lint"; npx eslint .
echo "== format"; npx prettier --check . > /dev/null || { npx prettier --check .; exit 1; }
echo "== build"; npm run -s build
shopt -s nullglob
files=(test/unit/*.test.ts test/engine/*.test.ts test/process/*.test.ts test/api/*.test.ts test/watch/*.test.ts)
echo "== node tests (${#files[@]} files)"
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}"
if [ -f playwright.config.ts ]; then echo "== e2e"; npx playwright test; fi
