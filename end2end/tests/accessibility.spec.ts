import AxeBuilder from '@axe-core/playwright';
import { expect, Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive, loginHome, sql } from './helpers';

// Every page of every role, checked by axe-core (issue 24): the pages a
// person reaches by following links from their home, on each device in
// French, and again in English on the desktop and in Arabic (the families'
// pages) on the phone: the markup is the same in every language, the
// words and their length are not. Zero violations at every impact level. The rules checked are those of the tags below;
// their list is kept in `axe-rules.txt`, so a new version of axe that adds
// or drops one fails here until the list is read again.

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The violations axe finds on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} · ${n.failureSummary?.split('\n').slice(1, 2).join('')}`),
  );
}

/** A page's address with its identifiers replaced, so that each kind of
 * page is visited once (`/groupes/:id`). */
function route(href: string): string {
  const url = new URL(href, 'http://x');
  const path = url.pathname
    .split('/')
    .map((part) => (/^[0-9a-f-]{8,}$/i.test(part) || (/\d/.test(part) && part.length >= 8) ? ':id' : part))
    .join('/');
  // A page opened on something else (`/bilan?organisation=…`) is another view.
  const keys = [...url.searchParams.keys()].sort().join('&');
  return keys ? `${path}?${keys}` : path;
}

/** Links a person can follow to another page of the app. */
async function pageLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) =>
    links.filter((a) => !a.hasAttribute('download')).map((a) => a.getAttribute('href')!),
  );
  return hrefs.filter((h) =>
    !/^\/(langue|api|calendrier|pkg|fonts|courriels\/desabonnement)\b/.test(h)
    && !/\.(csv|pdf|xlsx|ics|json)(\?|$)/.test(h)
    && !h.startsWith('/#'),
  );
}

/** Opens `href`, checks it once it has come alive, and gives what it
 * found (a page that never comes alive is a finding too). */
async function check(page: Page, href: string, found: Map<string, string[]>) {
  const errors: string[] = [];
  const listen = (m: { type(): string; text(): string }) => {
    if (m.type() === 'error') errors.push(m.text());
  };
  page.on('console', listen);
  const answer = await page.goto(href);
  const scriptNonce = answer ? /<script[^>]* nonce="([^"]+)"/.exec(await answer.text().catch(() => ''))?.[1] : undefined;
  const how = answer
    ? `${answer.status()} ${answer.fromServiceWorker() ? 'from the service worker ' : ''}scripts' nonce ${scriptNonce ?? 'none'}, CSP ${/script-src[^;]*/.exec((await answer.allHeaders())['content-security-policy'] ?? '')?.[0]}`
    : 'no answer';
  try {
    await alive(page, 20_000);
  } catch {
    found.set(href, [`never hydrated (${(await page.locator('html').getAttribute('lang'))}, ${how}): ${errors.join(' / ').slice(0, 300)}`]);
    page.off('console', listen);
    return;
  }
  page.off('console', listen);
  await page.waitForLoadState('networkidle');
  await expect(page.locator('h1').first(), `${href} has a heading`).toBeVisible();
  const violations = await axeViolations(page);
  if (violations.length) found.set(href, violations);
}

/** Visits every page reachable from `home` by links (each kind once),
 * checks each, and gives the addresses visited. */
async function crawl(page: Page, home: string, found: Map<string, string[]>): Promise<string[]> {
  const queue = [home];
  const seen = new Set([route(home)]);
  const visited: string[] = [];
  while (queue.length) {
    const href = queue.shift()!;
    await check(page, href, found);
    visited.push(href);
    for (const link of await pageLinks(page)) {
      const key = route(link);
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(link);
      }
    }
  }
  return visited;
}

async function setLanguage(page: Page, code: string) {
  await page.context().addCookies([{ name: 'passerelle_lang', value: code, url: test.info().project.use.baseURL! }]);
}

function report(found: Map<string, string[]>) {
  return [...found].map(([href, v]) => `${href}\n  ${v.join('\n  ')}`).join('\n');
}

// What each role must reach at least: a crawl that stops early fails.
const ROLES: { email: string; home: string; languages: string[]; reaches: string[] }[] = [
  {
    email: 'coordination@demo.test', home: '/planning', languages: ['fr', 'en'],
    reaches: ['/planning', '/inscriptions', '/inscriptions/:id', '/groupes/:id', '/bilan', '/dossier', '/structure',
      '/messages', '/messages/:id', '/familles', '/compte', '/accessibilite', '/affichage'],
  },
  {
    email: 'accompagnateur@demo.test', home: '/aujourdhui', languages: ['fr', 'en'],
    reaches: ['/aujourdhui', '/appel/:id', '/compte', '/accessibilite', '/affichage'],
  },
  {
    email: 'parent@demo.test', home: '/mes-enfants', languages: ['fr', 'en', 'ar'],
    reaches: ['/mes-enfants', '/enfants/:id', '/mes-coordonnees', '/messages/:id', '/accessibilite', '/affichage'],
  },
  {
    email: 'caf@demo.test', home: '/bilan', languages: ['fr', 'en'],
    reaches: ['/bilan', '/dossier', '/compte', '/accessibilite'],
  },
  {
    email: 'admin@demo.test', home: '/administration', languages: ['fr', 'en'],
    reaches: ['/administration', '/administration/courriels', '/compte', '/accessibilite'],
  },
];

test.describe('axe-core finds nothing on any page', () => {
  test.beforeEach(({}, info) => {
    test.skip(info.project.name.endsWith('-nojs'), 'the same HTML as with JavaScript, checked there, alive');
    test.setTimeout(300_000);
  });
  test.afterEach(() => sql("UPDATE users SET locale = 'fr' WHERE email LIKE '%@demo.test'"));

  for (const role of ROLES) {
    test(`every page of ${role.email}`, async ({ page }, info) => {
      await loginHome(page, role.email);
      const found = new Map<string, string[]>();
      const visited = await crawl(page, role.home, found);
      const routes = visited.map(route);
      const paths = routes.map((r) => r.split("?")[0]);
      for (const r of role.reaches) expect(paths, `reached ${r}`).toContain(r);
      const device = info.project.name.split('-')[0];
      const others = role.languages.filter((c) => (c === 'en' && device === 'desktop') || (c === 'ar' && device === 'phone'));
      for (const code of others) {
        await setLanguage(page, code);
        for (const href of visited) {
          if (code === 'ar' && !/^\/(mes-enfants|enfants|mes-coordonnees|messages)/.test(href)) continue;
          await check(page, href, found);
        }
      }
      expect(found.size, report(found)).toBe(0);
    });
  }

  test('the pages of someone not signed in', async ({ page }, info) => {
    await page.context().clearCookies();
    const pages = ['/connexion', '/mot-de-passe-oublie', '/accessibilite', '/affichage', '/une-page-qui-n-existe-pas',
      '/invitation/lien-inconnu', '/mot-de-passe/lien-inconnu', '/courriels/arret/lien-inconnu'];
    const found = new Map<string, string[]>();
    const device = info.project.name.split('-')[0];
    for (const code of ['fr', device === 'desktop' ? 'en' : 'ar']) {
      await setLanguage(page, code);
      for (const href of pages) await check(page, href, found);
    }
    expect(found.size, report(found)).toBe(0);
  });
});

test('the rules axe checks are the ones listed', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop-js', 'once');
  await page.goto('/connexion');
  await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const rules: string[] = await page.evaluate((tags) =>
    (window as any).axe.getRules(tags).map((r: { ruleId: string }) => r.ruleId).sort(), AXE_TAGS);
  const listed = readFileSync(join(__dirname, 'axe-rules.txt'), 'utf8')
    .split('\n').filter((l) => l && !l.startsWith('#'));
  expect(rules).toEqual(listed);
});

test('every control of the register is at least 44 × 44 px on the tablet', async ({ page }, info) => {
  test.skip(info.project.name !== 'tablet-js', 'the tablet');
  await loginHome(page, 'accompagnateur@demo.test');
  await page.getByRole('link', { name: "Faire l'appel" }).first().click();
  await expect(page.locator('.register-present').first()).toBeVisible();
  const small = await page.locator('main button:visible, main a:visible, main summary:visible').evaluateAll((items) =>
    items.map((e) => {
      const r = e.getBoundingClientRect();
      return { what: `${e.tagName} « ${(e.textContent || '').trim().slice(0, 30)} »`, w: r.width, h: r.height };
    }).filter((b) => b.w < 44 || b.h < 44));
  expect(small).toEqual([]);
});

// A finding's severity in words (« Bloquant », « À vérifier ») is tested
// with the badge itself: app/src/components/notice.rs.
test('what colour shows is also said in words', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop-js', 'once');
  await loginHome(page, 'coordination@demo.test');
  // Every chart has its summary in words.
  await page.goto('/bilan');
  const charts = page.locator('svg[role="img"]');
  expect(await charts.count()).toBeGreaterThan(1);
  for (const label of await charts.evaluateAll((all) => all.map((c) => c.getAttribute('aria-label') ?? '')))
    expect(label).toMatch(/\d/);
  // A register row says its state in words, and what waits to be sent.
  await loginHome(page, 'accompagnateur@demo.test');
  await page.getByRole('link', { name: "Faire l'appel" }).first().click();
  const states = page.locator('.register-row .register-state');
  await expect(states.first()).toBeVisible();
  for (const text of await states.allTextContents()) expect(text.trim()).not.toBe('');
  await expect(page.locator('.sync-status')).not.toBeEmpty();
});

test('a session that ends while a form is filled keeps what was typed (WCAG 2.2.1)', async ({ page }, info) => {
  test.skip(info.project.name !== 'desktop-js', 'once, hydrated: without JavaScript the browser keeps the form itself (Back)');
  await loginHome(page, 'coordination@demo.test');
  await page.goto('/dossier');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  const commune = page.getByLabel('Commune', { exact: true });
  const before = await commune.inputValue();
  const rows = sql('SELECT COUNT(*) FROM dossier_facts')[0][0];
  await commune.fill('Saint-Denis');
  // The session ends (idle limit, or signed out elsewhere) while the form is open.
  sql("DELETE FROM login_sessions WHERE user_id = (SELECT id FROM users WHERE email = 'coordination@demo.test')");
  await page.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce que vous avez saisi reste sur cette page');
  await expect(commune).toHaveValue('Saint-Denis');
  // Signed in again in another tab, the same form is sent again and kept.
  const tab = await page.context().newPage();
  await loginHome(tab, 'coordination@demo.test');
  await tab.close();
  await page.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await expect(page.getByRole('status')).toContainText('Le projet est enregistré.');
  await page.reload();
  await expect(commune).toHaveValue('Saint-Denis');
  // As it was, for the tests that follow.
  if (rows === 0) sql('DELETE FROM dossier_facts');
  else sql("UPDATE dossier_facts SET commune = ? WHERE commune = 'Saint-Denis'", before);
});
