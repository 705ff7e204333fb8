import { expect, Page, Route, test } from '@playwright/test';
import { loginHome, watchErrors } from './helpers';

// The split loader logs each fetch this test cuts on purpose (and leaves
// some of their promises unhandled).
watchErrors(/Failed to fetch|net::ERR_FAILED/);
// Requests a service worker makes are not the page's: the test could not
// cut them.
test.use({ serviceWorkers: 'block' });

const LAZY_FILE = /\/pkg\/(?!passerelle\.)[^/]+\.wasm$/;
const cut = (route: Route) => route.abort('failed');

/** Follows a link of the main menu, in the app (no page load). */
async function follow(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

test('a page whose file cannot be fetched says so, and the app goes on', async ({ page }, info) => {
  test.skip(!info.project.name.endsWith('-js'), 'lazy files: JavaScript on');
  const manifest = await page.request.get('/pkg/__wasm_split_manifest.json');
  test.skip(!manifest.ok(), 'a build without --split has no lazy file');
  await loginHome(page, 'coordination@demo.test');
  // Gone if the page loads again: the app itself must do what follows.
  await page.evaluate(() => { (window as any).__same_page = true; });
  const samePage = () => page.evaluate(() => (window as any).__same_page === true);

  await page.route(LAZY_FILE, cut);
  await follow(page, 'Enfants');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText("Cette page n'a pas pu s'ouvrir");
  await expect(notice).toContainText('Vérifiez le réseau');

  // The network is back: the app still runs (a panic would have stopped
  // it) and fetches the file again when the page is asked for again.
  await page.unroute(LAZY_FILE, cut);
  await follow(page, 'Planning');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
  await follow(page, 'Enfants');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enfants');
  expect(await samePage()).toBe(true);

  // « Réessayer » loads the page again.
  await page.route(LAZY_FILE, cut);
  await follow(page, 'Familles');
  await expect(notice).toContainText("Cette page n'a pas pu s'ouvrir");
  await page.unroute(LAZY_FILE, cut);
  await notice.getByRole('button', { name: 'Réessayer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rendez-vous des familles');
});

test('marks kept on the device but not read yet still stop a logout to ask', async ({ page }, info) => {
  test.skip(!info.project.name.endsWith('-js'), 'the question: JavaScript on');
  const manifest = await page.request.get('/pkg/__wasm_split_manifest.json');
  test.skip(!manifest.ok(), 'a build without --split reads the device at once');
  await loginHome(page, 'parent@demo.test');
  // The device holds entries from an earlier session (as a shared tablet
  // would), and the code that reads them cannot be fetched.
  await page.evaluate(() => localStorage.setItem('passerelle.outbox', '[{"kept": true}]'));
  await page.route(LAZY_FILE, cut);
  // A page that comes alive from the main file alone (the family pages
  // load no code at all: app.rs, `hydrates`).
  await page.goto('/cette-page-n-existe-pas');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);

  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect.poll(() => asked).toEqual([
    'Des marques ne sont pas encore envoyées. En vous déconnectant, elles seront perdues. Se déconnecter quand même ?',
  ]);
  // Staying was chosen: still signed in, the entries still kept.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('passerelle.outbox'))).not.toBeNull();

  // Leaving anyway (the network back, the login page can open): the
  // device forgets them.
  await page.unroute(LAZY_FILE, cut);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  expect(await page.evaluate(() => localStorage.getItem('passerelle.outbox'))).toBeNull();
});

test('pages sent 8 at a time each name every file to preload once', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop-js', 'the server: once');
  const manifest = await page.request.get('/pkg/__wasm_split_manifest.json');
  test.skip(!manifest.ok(), 'a build without --split has no lazy file');
  await loginHome(page, 'coordination@demo.test');
  const preloads = (html: string) => [...html.matchAll(/<link[^>]*rel="(?:preload|modulepreload)"[^>]*>/g)]
    .map((m) => /href="([^"]+)"/.exec(m[0])![1]);
  // Alone, each page names its files once.
  const pages = ['/bilan', '/inscriptions', '/planning', '/familles'];
  const alone = new Map<string, string[]>();
  for (const path of pages) alone.set(path, preloads(await (await page.request.get(path)).text()).sort());
  expect(alone.get('/bilan')!.length, 'the report preloads its files').toBeGreaterThan(0);
  for (const [path, files] of alone) expect(new Set(files).size, `${path}: each file once`).toBe(files.length);
  // Eight at a time: the same files, each once (seen: up to 11 times, or none).
  for (let round = 0; round < 5; round++) {
    const paths = Array.from({ length: 8 }, (_, i) => pages[(round + i) % pages.length]);
    const answers = await Promise.all(paths.map((p) => page.request.get(p).then((r) => r.text())));
    answers.forEach((html, i) => expect(preloads(html).sort(), `${paths[i]}, round ${round}`).toEqual(alone.get(paths[i])));
  }
});
