/**
 * Debian's Chromium, never a downloaded browser, with the flags this machine's closed network
 * needs (no background requests to Google's hosts). Used by Playwright and the budget script.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ],
};
