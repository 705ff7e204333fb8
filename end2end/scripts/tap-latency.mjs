// Measures, on a tablet with the CPU slowed down four times, the time from a
// tap on a child's row of the register to that row changed on screen:
//   node scripts/tap-latency.mjs [base-url]
// The tap's own timestamp (pointerdown) to the frame after the row's
// data-status changed (requestAnimationFrame, then the task after it), for
// taps online and offline. Also prints Chromium's Event Timing durations
// (the browser's own "input to next paint") where it reported them.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true });
const page = await context.newPage();
await page.goto(`${base}/connexion`);
await page.getByLabel('Adresse e-mail').fill('accompagnateur@demo.test');
await page.getByLabel('Mot de passe').fill('passerelle-demo');
await page.getByRole('button', { name: 'Se connecter' }).click();
const link = page.getByRole('link', { name: "Faire l'appel" }).first();
await link.waitFor();
await page.goto(`${base}${await link.getAttribute('href')}`);
await page.waitForFunction(() => window.__passerelle_hydrated === true);
await page.locator('.register-present').first().waitFor();

await page.evaluate(() => {
  window.__lat = [];
  window.__events = [];
  document.addEventListener('pointerdown', (e) => { window.__t0 = e.timeStamp; }, true);
  new MutationObserver((changes) => {
    if (window.__t0 == null || !changes.some((c) => c.attributeName === 'data-status')) return;
    const t0 = window.__t0;
    window.__t0 = null;
    requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t0), 0));
  }).observe(document.querySelector('.register'), { attributes: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__events.push(e.duration);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
});

const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const rows = page.locator('.register-row');
const count = await rows.count();
const results = {};
for (const mode of ['online', 'offline']) {
  await context.setOffline(mode === 'offline');
  await page.evaluate(() => { window.__lat = []; window.__events = []; });
  for (let i = 0; i < 24; i++) {
    const row = rows.nth(i % count);
    // Alternate present / absent so that every tap changes the row.
    const absent = (await row.getAttribute('data-status')) === 'present';
    if (absent) await row.getByRole('button', { name: 'Absent' }).tap();
    else await row.locator('.register-present').tap();
    await page.waitForTimeout(150);
  }
  const { lat, events } = await page.evaluate(() => ({ lat: window.__lat, events: window.__events }));
  lat.sort((a, b) => a - b);
  results[mode] = {
    taps: lat.length,
    median: lat[Math.floor(lat.length / 2)],
    p95: lat[Math.ceil(lat.length * 0.95) - 1],
    max: lat[lat.length - 1],
    eventTimingMax: events.length ? Math.max(...events) : '< 16 (none reported)',
  };
}
await context.setOffline(false);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
const fmt = (v) => (typeof v === 'number' ? `${v.toFixed(1)} ms` : v);
for (const [mode, r] of Object.entries(results)) {
  console.log(`${mode}: ${r.taps} taps, tap to row on screen: median ${fmt(r.median)}, p95 ${fmt(r.p95)}, max ${fmt(r.max)}; Event Timing max ${fmt(r.eventTimingMax)} (CPU 4x slower)`);
}
// Let the outbox empty before leaving.
await page.waitForFunction(() => document.querySelector('.sync-status')?.dataset.pending === '0', null, { timeout: 20_000 }).catch(() => {});
await browser.close();
