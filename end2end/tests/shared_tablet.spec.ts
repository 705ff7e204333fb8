import { expect, Page, test } from '@playwright/test';
import { login, loginHome, watchErrors } from './helpers';

// A shared tablet: what one person's session kept is gone once it ends,
// however it ends, and never shows to the next person. Offline, the
// browser reports the failed fetches: expected here.
watchErrors(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_|status of 503/);

test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'tablet-js', 'the service worker: tablet, hydrated');
});

/** Opens today's register as the accompanist once the service worker keeps
 * it; returns its address and the children's names shown. */
async function openKeptRegister(page: Page): Promise<{ href: string; names: string[] }> {
  await loginHome(page, 'accompagnateur@demo.test');
  const link = page.getByRole('link', { name: "Faire l'appel" }).first();
  const href = (await link.getAttribute('href'))!;
  await expect.poll(() => page.evaluate(async (h) => !!(await caches.match(h)) && !!navigator.serviceWorker.controller, href),
    { timeout: 15_000 }).toBe(true);
  await link.click();
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  await expect(page.locator('.register-row').first()).toBeVisible();
  const names = await page.locator('.register-row .register-name').allTextContents();
  expect(names.length).toBeGreaterThan(5);
  // The needs notes come online, after the page: never in what is kept.
  await expect(page.locator('.register-needs').first()).toBeVisible();
  const kept = await page.evaluate(async (h) => (await (await caches.match(h))!.text()), href);
  expect(kept).not.toContain('register-needs');
  expect(kept).not.toContain('reprendre confiance');
  return { href, names };
}

/** Offline, the register's address shows nobody's data, and the device
 * keeps no register. */
async function nothingLeft(page: Page, href: string, names: string[]) {
  await page.context().setOffline(true);
  await page.goto(href).catch(() => {});
  const text = await page.locator('body').innerText();
  for (const name of names) expect(text).not.toContain(name);
  expect(await page.evaluate(() => localStorage.getItem('passerelle.sheets'))).toBeNull();
  await page.context().setOffline(false);
}

test('signing out without JavaScript leaves no child on the tablet', async ({ page }) => {
  const { href, names } = await openKeptRegister(page);
  // The logout form posted as a browser without JavaScript posts it.
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = '/api/auth/logout';
    document.body.append(form);
    form.submit();
  });
  await page.waitForURL('**/connexion');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  await nothingLeft(page, href, names);
});

test('the next person to sign in on the tablet finds nothing of the last one', async ({ page }) => {
  const { href, names } = await openKeptRegister(page);
  // Nobody signed out: the coordinator signs in on the same browser.
  await login(page, 'coordination@demo.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('passerelle.sheets'))).toBeNull();
  expect(await page.evaluate(async (h) => !!(await caches.match(h)), href)).toBe(false);
  await nothingLeft(page, href, names);
});

test('unsent marks wait for the one who made them when someone else signs in', async ({ page }) => {
  const { href } = await openKeptRegister(page);
  // The register may have been closed by an earlier test: a coordinator
  // reopens it (409 when it was open).
  await login(page, 'coordination@demo.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
  await page.request.post('/api/attendance/reopen', {
    form: { session: href.split('/').pop()! },
    headers: { origin: new URL(page.url()).origin },
  });
  await loginHome(page, 'accompagnateur@demo.test');
  await page.goto(href);
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  // The server cannot be reached for the register: the mark waits.
  await page.route('**/api/attendance/sync', (route) => route.abort());
  const row = page.locator('.register-row').first();
  const name = (await row.locator('.register-name').textContent())!;
  const absent = (await row.getAttribute('data-status')) === 'absent';
  if (absent) await row.locator('.register-present').tap();
  else await row.getByRole('button', { name: 'Absent' }).tap();
  const marked = page.locator('.register-row', { hasText: name });
  await expect(marked).toHaveAttribute('data-sync', 'pending');
  // Someone else signs in: the mark is not theirs to send, nor to see.
  await login(page, 'coordination@demo.test');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('passerelle.outbox') ?? '[]')).toBe('[]');
  // Its author signs in again: it is sent.
  await page.unroute('**/api/attendance/sync');
  await loginHome(page, 'accompagnateur@demo.test');
  await page.goto(href);
  await expect(marked).toHaveAttribute('data-status', absent ? 'present' : 'absent');
  await expect(marked).toHaveAttribute('data-sync', 'done', { timeout: 15_000 });
});
