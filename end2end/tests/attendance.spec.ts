import { expect, Browser, BrowserContext, Page, test } from '@playwright/test';
import { login, loginHome, sql, watchErrors } from './helpers';

// Offline, the browser reports each failed attempt to send: expected here.
watchErrors(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_/);

// The register is taken on a tablet with touch, hydrated (the outbox lives
// in the browser). Both tests below share today's CP-CE2 session, in order.
test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'tablet-js', 'the register: tablet, hydrated');
});

/** Opens "Aujourd'hui", waits until the service worker keeps today's
 * register, then opens it. Returns the session id. */
async function openRegister(page: Page): Promise<string> {
  await loginHome(page, 'accompagnateur@demo.test');
  const link = page.getByRole('link', { name: "Faire l'appel" }).first();
  const href = (await link.getAttribute('href'))!;
  // The service worker controls the page and keeps the register and the app.
  await expect.poll(() => page.evaluate(async (h) => {
    const kept = await Promise.all([h, '/pkg/passerelle.wasm', '/pkg/passerelle.js'].map((u) => caches.match(u)));
    return kept.every(Boolean) && !!navigator.serviceWorker.controller;
  }, href), { timeout: 15_000 }).toBe(true);
  await link.click();
  await expect(page.locator('.register-present').first()).toBeEnabled();
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  return href.split('/').pop()!;
}

function row(page: Page, name: string) {
  return page.locator('.register-row', { hasText: name });
}

async function names(page: Page): Promise<string[]> {
  return page.locator('.register-row .register-name').allTextContents();
}

test("a tablet whose clock says the day before hydrates the server's register, then keeps it shut", async ({ page }) => {
  await loginHome(page, 'accompagnateur@demo.test');
  const href = (await page.getByRole('link', { name: "Faire l'appel" }).first().getAttribute('href'))!;
  // The server renders today's register; the tablet's day is yesterday.
  // Its page used to stop hydrating here (the notice below was not in the
  // server's HTML).
  await page.clock.setFixedTime(new Date(Date.now() - 24 * 3600 * 1000));
  await page.goto(href);
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true, null, { timeout: 15_000 });
  await expect(page.getByText("L'appel s'ouvre le jour de la séance.")).toBeVisible();
  // First in this file: the register is open on the server, shut by the
  // tablet's day alone.
  await expect(page.locator('.register-present').first()).toBeDisabled();
});

test('offline: twelve marks kept through a reload, sent once when the network returns', async ({ page, context }) => {
  const session = await openRegister(page);
  const children = await names(page);
  expect(children.length).toBe(13);
  // The family's notice: excused before anyone taps.
  const excused = page.locator('.register-row[data-status="excused"]');
  await expect(excused).toHaveCount(1);
  const others = [];
  for (const n of children) {
    if ((await row(page, n).getAttribute('data-status')) === 'unmarked') others.push(n);
  }
  expect(others.length).toBe(12);

  await context.setOffline(true);
  // A tap only changes the row's mark; the outbox is written (and the
  // counts, the row's words and its waiting sign shown) once the page is
  // idle. Here the page never is: the marks reach the device's storage
  // when the page is left (the reload below), not before.
  await page.evaluate(() => { (window as any).requestIdleCallback = () => 1; });
  const plan: Record<string, string> = {};
  for (const [i, n] of others.entries()) {
    const r = row(page, n);
    if (i < 9) {
      await r.locator('.register-present').tap();
      plan[n] = 'present';
    } else if (i === 9) {
      await r.getByRole('button', { name: 'Retard' }).tap();
      plan[n] = 'late';
    } else {
      await r.getByRole('button', { name: 'Absent' }).tap();
      plan[n] = 'absent';
    }
  }
  for (const n of others) await expect(row(page, n)).toHaveAttribute('data-status', plan[n]);
  const kept = () => page.evaluate(() => JSON.parse(localStorage.getItem('passerelle.outbox') ?? '[]').length);
  expect(await kept()).toBe(0);

  // Reload with no network: the service worker serves the page, the
  // outbox holds the marks (written as the page was left), waiting.
  await page.reload();
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  expect(await kept()).toBe(12);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '12');
  const outbox = await page.evaluate(() => localStorage.getItem('passerelle.outbox'));
  for (const n of others) {
    await expect(row(page, n)).toHaveAttribute('data-status', plan[n]);
    await expect(row(page, n)).toHaveAttribute('data-sync', 'pending');
  }
  expect(sql('SELECT COUNT(*) FROM register_entries WHERE session_id = ?', session)[0][0]).toBe(0);
  // "Aujourd'hui" opens with no network too, and says what waits.
  await page.goto('/aujourdhui');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Aujourd'hui");
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '12');
  await page.goto(`/appel/${session}`);
  await expect(row(page, others[0])).toHaveAttribute('data-sync', 'pending');

  // The network returns: the outbox empties by itself.
  await context.setOffline(false);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  await expect(page.locator('.register-row[data-sync="pending"]')).toHaveCount(0);
  const stored = sql('SELECT c.first_name, a.status, a.mark_id FROM attendance a JOIN children c ON c.id = a.child_id WHERE a.session_id = ? ORDER BY a.mark_id', session);
  expect(stored.length).toBe(12);
  expect(stored.filter((r) => r[1] === 'present').length).toBe(9);
  expect(stored.filter((r) => r[1] === 'late').length).toBe(1);
  expect(stored.filter((r) => r[1] === 'absent').length).toBe(2);
  expect(sql('SELECT COUNT(*) FROM register_entries WHERE session_id = ?', session)[0][0]).toBe(12);

  // The same outbox replayed (a tablet that never heard the answer).
  await page.evaluate((o) => localStorage.setItem('passerelle.outbox', o!), outbox);
  await page.reload();
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  expect(sql('SELECT c.first_name, a.status, a.mark_id FROM attendance a JOIN children c ON c.id = a.child_id WHERE a.session_id = ? ORDER BY a.mark_id', session)).toEqual(stored);
  expect(sql('SELECT COUNT(*) FROM register_entries WHERE session_id = ?', session)[0][0]).toBe(12);
});

async function tablet(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 1024, height: 768 },
    hasTouch: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  return { context, page: await context.newPage() };
}

test('two tablets disagree offline: either order gives the same register, and the coordinator sees it', async ({ page, context, browser }) => {
  const session = await openRegister(page);
  const other = await tablet(browser);
  await openRegister(other.page);
  const [x, y] = (await names(page)).slice(1, 3);

  // Both offline. Tablet A marks x and y present; a little later tablet B
  // marks them absent.
  await context.setOffline(true);
  await other.context.setOffline(true);
  await row(page, x).locator('.register-present').tap();
  await row(page, y).locator('.register-present').tap();
  await page.waitForTimeout(50);
  await row(other.page, x).getByRole('button', { name: 'Absent' }).tap();
  await row(other.page, y).getByRole('button', { name: 'Absent' }).tap();

  // A first for x... (A's and B's marks for both go out; B's are newer.)
  await context.setOffline(false);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  await other.context.setOffline(false);
  await expect(other.page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  const statusOf = (name: string) => sql('SELECT a.status FROM attendance a JOIN children c ON c.id = a.child_id WHERE a.session_id = ? AND c.first_name = ?', session, name.split(' ')[0])[0][0];
  expect(statusOf(x)).toBe('absent');
  expect(statusOf(y)).toBe('absent');

  // ...then the other way round: B marks first (older), A later; B syncs first.
  await context.setOffline(true);
  await other.context.setOffline(true);
  await row(other.page, y).locator('.register-present').tap();
  await page.waitForTimeout(50);
  await row(page, y).getByRole('button', { name: 'Excusé' }).tap();
  await other.context.setOffline(false);
  await expect(other.page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  await context.setOffline(false);
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
  expect(statusOf(y)).toBe('excused');
  // Each tablet shows what the server holds once it hears back.
  await expect(row(page, y)).toHaveAttribute('data-status', 'excused');
  await other.page.reload();
  await expect(row(other.page, y)).toHaveAttribute('data-status', 'excused');
  await expect(row(other.page, x)).toHaveAttribute('data-status', 'absent');

  // The coordinator sees where the tablets disagreed.
  const coordinator = await tablet(browser);
  await loginHome(coordinator.page, 'coordination@demo.test');
  // The planning lists the registers to check; the link opens this one.
  const toCheck = coordinator.page.locator('.registers-to-check');
  await expect(toCheck).toContainText('CP-CE2');
  await toCheck.locator(`a[href="/appel/${session}"]`).click();
  await expect(coordinator.page).toHaveURL(new RegExp(`/appel/${session}$`));
  const box = coordinator.page.locator('.register-disagreements');
  await expect(box).toBeVisible();
  await expect(box.locator('li', { hasText: x })).toContainText('retenu : Absent');
  await expect(box.locator('li', { hasText: y })).toContainText('retenu : Absence excusée');
  await other.context.close();
  await coordinator.context.close();
});

test('a child leaves with an authorised adult; closing makes the register read-only', async ({ page }) => {
  await openRegister(page);
  const [, x] = await names(page);
  const r = row(page, x);
  await r.locator('.register-present').tap();
  await r.getByRole('button', { name: 'Départ…' }).tap();
  const choice = r.locator('.register-pickups button').first();
  const label = await choice.textContent();
  await choice.tap();
  await expect(r.locator('.register-departure')).toContainText(`Avec ${label}`);
  await page.getByRole('button', { name: 'Clôturer la séance' }).tap();
  // Children without a mark: asked first.
  const ask = page.getByRole('alertdialog');
  if (await ask.isVisible()) await ask.getByRole('button', { name: 'Clôturer' }).tap();
  await expect(page.locator('.register-closed')).toBeVisible({ timeout: 15_000 });
  await expect(r.locator('.register-present')).toBeDisabled();
  await expect(page.locator('.sync-status')).toHaveAttribute('data-pending', '0', { timeout: 15_000 });
});

test('offline: a register never opened on this tablet still opens and hydrates', async ({ page, context }) => {
  await loginHome(page, 'accompagnateur@demo.test');
  const href = (await page.getByRole('link', { name: "Faire l'appel" }).first().getAttribute('href'))!;
  // The service worker keeps the register's page (listed by "Aujourd'hui")
  // and, in a split build, the WASM files of the tablet's lazy pages.
  await expect.poll(() => page.evaluate(async (h) => {
    const files = ['/pkg/passerelle.wasm', '/pkg/passerelle.js'];
    const manifest = await fetch('/pkg/__wasm_split_manifest.json');
    if (manifest.ok) {
      for (const [view, chunks] of Object.entries(await manifest.json() as Record<string, string[]>)) {
        if (view === 'page_register') files.push(...chunks.map((c) => `/pkg/${c}.wasm`));
      }
    }
    const kept = await Promise.all([h, ...files].map((u) => caches.match(u)));
    return kept.every(Boolean) && !!navigator.serviceWorker.controller;
  }, href), { timeout: 15_000 }).toBe(true);

  await context.setOffline(true);
  await page.goto(href);
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true, null, { timeout: 15_000 });
  await expect(page.locator('.register-row').first()).toBeVisible();
  await context.setOffline(false);
});
