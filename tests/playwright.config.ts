import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './helpers/chromium.ts';

// Each test file starts its own server.
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
});
