// Measures the longest main-thread task while a coordinator drags a session
// across the week, with the CPU slowed down four times (a modest laptop or
// tablet), from a Chromium performance trace:
//   node scripts/drag-longtask.mjs [base-url]
// Prints the longest task during the drag and the number of pointer moves.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/connexion`);
await page.getByLabel('Adresse e-mail').fill('coordination@demo.test');
await page.getByLabel('Mot de passe').fill('passerelle-demo');
await page.getByRole('button', { name: 'Se connecter' }).click();
await page.waitForSelector('.calendar-grid');
// A school week with the demo's sessions.
for (let weeks = 1; weeks <= 6; weeks++) {
  const day = new Date(Date.now() + weeks * 7 * 86400_000).toISOString().slice(0, 10);
  await page.goto(`${base}/planning?semaine=${day}`);
  await page.waitForFunction(() => window.__passerelle_hydrated === true);
  if ((await page.locator('.notice-info').count()) === 0) break;
}
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

const block = page.locator('.block').first();
await block.evaluate((e) => e.scrollIntoView({ block: 'center' }));
const box = await block.boundingBox();
const grid = await page.locator('.calendar-grid').boundingBox();
const moves = 60;
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.mouse.move(box.x + box.width / 2, box.y + 4);
await page.mouse.down();
// Across every day and two hours down, as a person looking for a slot.
for (let i = 1; i <= moves; i++) {
  const x = grid.x + (grid.width * ((i % 6) + 0.5)) / 6;
  const y = box.y + 4 + (i / moves) * grid.height * 0.15;
  await page.mouse.move(x, y);
}
await page.keyboard.press('Escape');
await page.mouse.up();
const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

// The renderer's main thread, and the tasks it ran.
const events = trace.traceEvents;
const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.dur
  && (!main || (e.pid === main.pid && e.tid === main.tid)));
const longest = Math.max(...tasks.map((e) => e.dur)) / 1000;
// What ran inside the longest tasks (the events nested in them), to see where time goes.
const top = [...tasks].sort((a, b) => b.dur - a.dur).slice(0, 3);
for (const t of top) {
  const inner = events.filter((e) => e.ph === 'X' && e.pid === t.pid && e.tid === t.tid && e.ts >= t.ts
    && e.ts + (e.dur ?? 0) <= t.ts + t.dur && e !== t && (e.dur ?? 0) > t.dur / 4);
  const names = [...new Set(inner.map((e) => `${e.name}${e.args?.data?.type ? ':' + e.args.data.type : ''}`))];
  console.log(`  ${(t.dur / 1000).toFixed(1)} ms: ${names.join(', ')}`);
}
console.log(`pointer moves: ${moves}, main-thread tasks: ${tasks.length}`);
console.log(`longest main-thread task during the drag at 4x CPU throttling: ${longest.toFixed(1)} ms`);
await browser.close();
