// The parent's home page on a phone, as Lighthouse measures it (mobile
// settings: a mid-range phone, CPU slowed 4x, a slow 4G network), in
// Debian's Chromium:
//   node scripts/lighthouse.mjs [base-url] [path]
// Prints the performance score, the main timings, the long tasks and each
// script's main-thread time, and the bytes
// transferred (compressed, as sent) by kind: HTML, CSS, JS, WASM, other,
// the WASM included even when it loads after Lighthouse's trace ends.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const path = process.argv[3] ?? '/mes-enfants';

// Sign in as the demo parent; the session cookie goes with Lighthouse's load.
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'application/json' },
  body: new URLSearchParams({ email: 'parent@demo.test', password: 'passerelle-demo' }),
  redirect: 'manual',
});
const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
if (!cookie) throw new Error(`login failed: ${login.status}`);

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const result = await lighthouse(`${base}${path}`, {
    port: chrome.port,
    output: 'json',
    onlyCategories: ['performance'],
    extraHeaders: { Cookie: cookie },
    logLevel: 'error',
  });
  const { lhr } = result;
  const audits = lhr.audits;
  const bytes = {};
  const seen = new Set();
  for (const r of audits['network-requests'].details.items) {
    if (!r.transferSize) continue; // still loading when the trace ended
    const kind = r.url.endsWith('.wasm') ? 'WASM'
      : ({ Document: 'HTML', Stylesheet: 'CSS', Script: 'JS' })[r.resourceType] ?? 'other';
    bytes[kind] = (bytes[kind] ?? 0) + r.transferSize;
    seen.add(new URL(r.url).pathname);
  }
  // A file the page names but fetched after Lighthouse's trace ended (a
  // script run when the page is idle) is downloaded all the same: count it,
  // as sent (brotli). The family pages name none (app.rs, `hydrates`).
  const html = await (await fetch(`${base}${path}`, { headers: { Cookie: cookie } })).text();
  for (const file of new Set(html.match(/\/pkg\/[^"' )]+\.(js|wasm)/g) ?? [])) {
    if (seen.has(file)) continue;
    const sent = await fetch(`${base}${file}`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    if (!sent.ok) continue;
    const label = `${file.endsWith('.wasm') ? 'WASM' : 'JS'} (after load, outside the trace)`;
    bytes[label] = (bytes[label] ?? 0) + Number(sent.headers.get('content-length') ?? 0);
  }
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ${base}${path}`);
  console.log(`performance score: ${Math.round(lhr.categories.performance.score * 100)}`);
  for (const id of ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
    'cumulative-layout-shift', 'speed-index', 'interactive']) {
    console.log(`  ${audits[id].title}: ${audits[id].displayValue}`);
  }
  console.log(`bytes transferred: ${total} (${(total / 1024).toFixed(1)} KiB)`);
  for (const [kind, n] of Object.entries(bytes)) console.log(`  ${kind}: ${n}`);
  const lcp = audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  if (lcp) console.log(`largest contentful paint: ${lcp.nodeLabel} (${lcp.selector})`);
  if (lhr.runtimeError) console.log(`runtime error: ${lhr.runtimeError.message}`);
  // Where the blocking time comes from: each long task, and each script's
  // main-thread time (evaluation, compilation).
  for (const t of audits['long-tasks']?.details?.items ?? []) {
    console.log(`  long task: ${Math.round(t.duration)} ms at ${Math.round(t.startTime)} ms (${t.url})`);
  }
  for (const b of audits['bootup-time']?.details?.items ?? []) {
    console.log(`  script ${b.url}: ${Math.round(b.total)} ms (evaluation ${Math.round(b.scripting)}, compile ${Math.round(b.scriptParseCompile)})`);
  }
} finally {
  await chrome.kill();
}
