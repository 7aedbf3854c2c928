/** Playwright: end-to-end tests of the web UI served by `serve`, in Debian's Chromium, headless, one worker. */
import { defineConfig } from '@playwright/test';

/** Chromium flags for a headless run in a container without a GPU or network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** The e2e configuration (each spec starts `node dist/node/serve.mjs` through the fixtures in test/e2e). */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test/artifacts/results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { outputFolder: 'test/artifacts/report', open: 'never' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium' }],
});
