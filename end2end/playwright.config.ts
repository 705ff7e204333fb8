import { defineConfig } from '@playwright/test';

// Debian's Chromium (Playwright's own browser download does not work here).
const launchOptions = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The server's SQLite file, which the register tests read to check what was stored.
process.env.E2E_DB ??= `/tmp/passerelle-e2e-${port}.db`;
// The Maildir of the SMTP server the e2e server sends to (.ci/e2e-server.sh).
process.env.E2E_MAILDIR ??= `/tmp/passerelle-e2e-${port}-mail`;

const devices = {
  desktop: { viewport: { width: 1366, height: 900 } },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
};

// Every device twice: server rendering alone (JavaScript off) and hydrated.
const projects = Object.entries(devices).flatMap(([name, device]) => [
  { name: `${name}-js`, use: { ...device, javaScriptEnabled: true } },
  { name: `${name}-nojs`, use: { ...device, javaScriptEnabled: false } },
]);

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  // Bounds for a run gone wrong (a server that stopped answering): fail
  // with the tests' names well before CI's 90 minutes, not at them. A
  // healthy run takes about 23 minutes on two cores.
  globalTimeout: 40 * 60_000,
  maxFailures: 20,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: { baseURL, launchOptions, locale: 'fr-FR', timezoneId: 'Europe/Paris' },
  projects,
  webServer: {
    // A fresh SQLite database with the demo, served by the binary the test
    // command just built (PASSERELLE_BIN; .ci/test gives the tests' build).
    command: `E2E_DB=${process.env.E2E_DB} E2E_MAILDIR=${process.env.E2E_MAILDIR} bash ../.ci/e2e-server.sh ${port}`,
    url: `${baseURL}/connexion`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
