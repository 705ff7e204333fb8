// Measures, on a tablet with the CPU slowed down four times, the time from a
// tap on a child's row of the register to that row changed on screen:
//   node scripts/tap-latency.mjs [base-url]
// The tap's own timestamp (pointerdown) to the frame after the row's
// data-status changed (requestAnimationFrame, then the task after it), for
// taps online and offline. Also prints Chromium's Event Timing durations
// (the browser's own "input to next paint") where it reported them.
// Then the same rows and stylesheet on a plain page (one line of
// JavaScript per tap), tapped in turns with the app, and the ratio of the
// medians: the figure that holds on a noisy machine. Run it on a fresh
// demo (the register not yet taken): the plain page copies the rows as the
// app first drew them.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
// A tablet in France: its day is the server's (Paris), whatever the
// machine's time zone.
const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, timezoneId: 'Europe/Paris' });
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

/** Records, on `target`, the time from each tap to its row changed on
 * screen (window.__lat) and Chromium's Event Timing durations. */
const instrument = (target) => target.evaluate(() => {
  window.__lat = [];
  window.__events = [];
  window.__parts = [];
  document.addEventListener('pointerdown', (e) => { window.__t0 = e.timeStamp; }, true);
  window.addEventListener('click', () => { window.__click = performance.now(); }, true);
  new MutationObserver((changes) => {
    if (window.__t0 == null || !changes.some((c) => c.attributeName === 'data-status')) return;
    const t0 = window.__t0;
    const click = window.__click;
    const changed = performance.now();
    window.__t0 = null;
    requestAnimationFrame(() => {
      const frame = performance.now();
      setTimeout(() => {
        const end = performance.now();
        window.__lat.push(end - t0);
        // Where the time goes: the tap to its click, the click to the row
        // changed, to the frame, and the frame's rendering to the next task.
        window.__parts.push([click - t0, changed - click, frame - changed, end - frame]);
      }, 0);
    });
  }).observe(document.querySelector('.register'), { attributes: true, subtree: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) window.__events.push(e.duration);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
});

/** `taps` taps on the rows of `target`, alternating present and absent so
 * that every tap changes its row; the latencies and Event Timing max. */
async function tapRows(target, taps, from = 0) {
  const rows = target.locator('.register-row:has(.register-present:not([disabled]))');
  const count = await rows.count();
  await target.evaluate(() => { window.__lat = []; window.__events = []; window.__parts = []; });
  for (let i = from; i < from + taps; i++) {
    const row = rows.nth(i % count);
    const absent = (await row.getAttribute('data-status')) === 'present';
    if (absent) await row.getByRole('button', { name: 'Absent' }).tap();
    else await row.locator('.register-present').tap();
    await target.waitForTimeout(150);
  }
  return target.evaluate(() => ({ lat: window.__lat, events: window.__events, parts: window.__parts }));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The median of each part of the taps, in words. */
function parts(list) {
  const names = ['tap to click', 'click to row changed', 'to the frame', 'frame to next task'];
  return names.map((n, i) => `${n} ${median(list.map((p) => p[i])).toFixed(1)} ms`).join(', ');
}

function summary(lat, events) {
  lat.sort((a, b) => a - b);
  return {
    taps: lat.length,
    median: lat[Math.floor(lat.length / 2)],
    p95: lat[Math.ceil(lat.length * 0.95) - 1],
    max: lat[lat.length - 1],
    eventTimingMax: events.length ? Math.max(...events) : '< 16 (none reported)',
  };
}

// The floor: the same rows and the same stylesheet on a plain page whose
// buttons set the row's data-status with one line of JavaScript.
const register = await page.locator('.register').evaluate((e) => e.outerHTML);
const styles = await page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.href));
const plainUrl = `${base}/__plain-register`;
const plain = await context.newPage();
await plain.route(plainUrl, (route) => route.fulfill({
  contentType: 'text/html; charset=utf-8',
  body: `<!DOCTYPE html><html lang="fr"><head><meta name="viewport" content="width=device-width, initial-scale=1">
${styles.map((h) => `<link rel="stylesheet" href="${h}">`).join('')}</head><body><main>${register}</main>
<script>document.addEventListener('click', (e) => { const b = e.target.closest('.register-row button'); if (b) b.closest('.register-row').dataset.status = b.classList.contains('register-present') ? 'present' : 'absent'; });</script>
</body></html>`,
}));
await plain.goto(plainUrl);
await instrument(page);
await instrument(plain);

const cdp = await context.newCDPSession(page);
const plainCdp = await context.newCDPSession(plain);
for (const c of [cdp, plainCdp]) await c.send('Emulation.setCPUThrottlingRate', { rate: 4 });
const results = {};
// A page behind another tab gets no frame: the one tapped is in front.
await page.bringToFront();
for (const mode of ['online', 'offline']) {
  await context.setOffline(mode === 'offline');
  const r = await tapRows(page, 24);
  results[mode] = summary(r.lat, r.events);
}
await context.setOffline(false);
// The app and the plain page in turns, so that both see the same load;
// eight rounds of eight taps each, so that a moment of load weighs little
// on the medians.
const app = { lat: [], events: [], parts: [] };
const floor = { lat: [], events: [], parts: [] };
for (let round = 0; round < 8; round++) {
  await page.bringToFront();
  const a = await tapRows(page, 8, round * 8);
  await plain.bringToFront();
  const f = await tapRows(plain, 8, round * 8);
  app.lat.push(...a.lat); app.events.push(...a.events); app.parts.push(...a.parts);
  floor.lat.push(...f.lat); floor.events.push(...f.events); floor.parts.push(...f.parts);
}
results['app, in turns'] = summary(app.lat, app.events);
results['plain page, in turns'] = summary(floor.lat, floor.events);
await page.bringToFront();
for (const c of [cdp, plainCdp]) await c.send('Emulation.setCPUThrottlingRate', { rate: 1 });
const fmt = (v) => (typeof v === 'number' ? `${v.toFixed(1)} ms` : v);
for (const [mode, r] of Object.entries(results)) {
  console.log(`${mode}: ${r.taps} taps, tap to row on screen: median ${fmt(r.median)}, p95 ${fmt(r.p95)}, max ${fmt(r.max)}; Event Timing max ${fmt(r.eventTimingMax)} (CPU 4x slower)`);
}
console.log(`app, in turns, medians: ${parts(app.parts)}`);
console.log(`plain page, in turns, medians: ${parts(floor.parts)}`);
const ratio = results['app, in turns'].median / results['plain page, in turns'].median;
console.log(`ratio of the medians, app / plain page: ${ratio.toFixed(2)}×`);
// Let the outbox empty before leaving.
await page.waitForFunction(() => document.querySelector('.sync-status')?.dataset.pending === '0', null, { timeout: 20_000 }).catch(() => {});
await browser.close();
