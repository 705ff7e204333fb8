import { expect, Page, Route, test } from '@playwright/test';
import { loginHome, PASSWORD } from './helpers';

// A page's own WASM file (a lazy route) is fetched while the page hydrates.
// On a tablet on bad Wi-Fi, or when a person follows a link before the page
// has come alive, that fetch is cut. The page must then stay as the server
// rendered it (it works without JavaScript) and come alive once the file
// arrives: never a hydration panic, and nothing logged as an error for a
// fetch the browser cancelled because the page was going away.

// Requests a service worker makes are not the page's: the test could not
// cut them.
test.use({ serviceWorkers: 'block' });

const LAZY_FILE = /\/pkg\/(?!passerelle\.)[^/]+\.wasm$/;

/** Every script error and console error of the page, from now on. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
}

const hydrated = (page: Page) => page.evaluate(() => (window as any).__passerelle_hydrated === true);

/** The pages each device opens with a cut file: everyone signs in (a lazy
 * page); a coordinator at a desk or on a tablet opens « Enfants », the page
 * of the failure seen in CI. */
function pagesFor(project: string): { path: string; heading: string; who?: string }[] {
  const pages: { path: string; heading: string; who?: string }[] = [{ path: '/connexion', heading: 'Connexion' }];
  if (!project.startsWith('phone')) pages.push({ path: '/inscriptions', heading: 'Enfants', who: 'coordination@demo.test' });
  return pages;
}

test.beforeEach(async ({ page }, info) => {
  test.skip(!info.project.name.endsWith('-js'), 'lazy files: JavaScript on');
  const manifest = await page.request.get('/pkg/__wasm_split_manifest.json');
  test.skip(!manifest.ok(), 'a build without --split has no lazy file');
});

test('a page whose file fails while it hydrates stays as the server sent it, then comes alive', async ({ page }, info) => {
  for (const { path, heading, who } of pagesFor(info.project.name)) {
    if (who) await loginHome(page, who);
    const errors = collectErrors(page);
    const failed: string[] = [];
    const cut = (route: Route) => { failed.push(route.request().url()); return route.abort('failed'); };
    await page.route(LAZY_FILE, cut);
    await page.goto(path);
    await expect.poll(() => failed.length, { message: `${path}: its file was asked for` }).toBeGreaterThan(0);
    // The server's page, untouched: no notice in its place, no panic.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(page.getByText("Cette page n'a pas pu s'ouvrir")).toHaveCount(0);
    expect(await hydrated(page)).toBe(false);

    // The network is back: the file is fetched again and the page comes
    // alive, without being loaded again.
    await page.evaluate(() => { (window as any).__same_page = true; });
    await page.unroute(LAZY_FILE, cut);
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true, null, { timeout: 20_000 });
    expect(await page.evaluate(() => (window as any).__same_page === true)).toBe(true);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    // The failed fetches are real network errors, and may be reported as
    // such; nothing else may be (a hydration panic is a page error).
    expect(errors.filter((e) => !/Failed to fetch|net::ERR_FAILED/.test(e)), errors.join('\n')).toEqual([]);
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
  }
});

test('leaving a page while its file loads logs nothing and opens the next page', async ({ page }, info) => {
  const phone = info.project.name.startsWith('phone');
  if (!phone) await loginHome(page, 'coordination@demo.test');
  const errors = collectErrors(page);
  // The page's file is held on its way, as on a slow network...
  const held: Route[] = [];
  const hold = (route: Route) => { held.push(route); };
  await page.route(LAZY_FILE, hold);
  const path = phone ? '/connexion' : '/inscriptions';
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  await expect.poll(() => held.length, { message: `${path}: its file was asked for` }).toBeGreaterThan(0);
  expect(await hydrated(page)).toBe(false);
  await page.unroute(LAZY_FILE, hold);

  // ...and the person goes on before it arrives: the link (or the form) is
  // the server's, so the browser loads the next page and cancels the fetch.
  if (phone) {
    await page.getByLabel('Adresse e-mail').fill('parent@demo.test');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes enfants');
  } else {
    await page.getByRole('navigation').getByRole('link', { name: 'Planning', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
  }
  // The held fetch belonged to the page that went away.
  for (const route of held) await route.continue().catch(() => {});
  // The next page comes alive, and nothing was reported by either page.
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true, null, { timeout: 20_000 });
  expect(errors, errors.join('\n')).toEqual([]);
});
