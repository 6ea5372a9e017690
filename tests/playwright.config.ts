/**
 * Browser tests: Chromium against a built portal and the demo merchant page on another
 * origin, both backed by one throw-away local stack (see browser/global-setup.ts).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './browser',
  globalSetup: './browser/global-setup.ts',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  // Three on a 2-core machine: a test mostly waits on the stack and the browser (a clean run used
  // about one core on average with two workers); the third took a suite of 38 tests from 5.8 to
  // 3.7 minutes here, and the whole suite has a 10-minute limit.
  workers: 3,
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
