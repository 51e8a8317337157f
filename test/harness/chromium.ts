import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = process.env.CLOCKHAND_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, no background traffic (see platform.md); Playwright gives it a fresh temporary profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
