import { expect, Page, test } from '@playwright/test';
import { loginHome, sql, watchErrors } from './helpers';

// Display settings (issue 24): larger text up to 200 % with nothing lost
// and no sideways scroll at 360 px, a high-contrast theme, a
// dyslexia-friendly font, less motion; kept on the device and in the
// account, so a sign-in elsewhere brings them back. With and without
// JavaScript.

watchErrors();

function reset() {
  sql("UPDATE users SET display = '' WHERE email LIKE '%@demo.test'");
}

async function hydrated(page: Page) {
  if (!test.info().project.name.endsWith('-nojs')) {
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  }
}

async function fitsWidth(page: Page, path: string) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(width);
}

/** Chooses settings on « Affichage » and saves them. */
async function choose(page: Page, size: string, boxes: string[]) {
  await page.goto('/affichage');
  await hydrated(page);
  await page.getByLabel(size).check();
  for (const name of ['Contraste renforcé', 'Police adaptée à la dyslexie', 'Réduire les animations']) {
    const box = page.getByLabel(name);
    if (boxes.includes(name)) await box.check();
    else await box.uncheck();
  }
  const save = page.getByRole('button', { name: "Enregistrer l'affichage" });
  if (test.info().project.name.endsWith('-nojs')) {
    // A plain form: the server answers with the page again, in its new look.
    await Promise.all([page.waitForEvent('load'), save.click()]);
  } else {
    await save.click();
    await expect(page.getByText('Affichage enregistré.')).toBeVisible();
  }
}

test.describe('display settings', () => {
  test.beforeEach(reset);
  test.afterEach(reset);

  test('double text on a phone: every home fits 360 px, nothing hidden', async ({ page }, info) => {
    test.skip(!info.project.name.startsWith('phone'), 'the phone');
    await page.setViewportSize({ width: 360, height: 780 });
    await page.context().clearCookies();
    await choose(page, 'Double (200 %)', []);
    await expect(page.locator('html')).toHaveAttribute('data-text', '200');
    const size = await page.evaluate(() => getComputedStyle(document.body).fontSize);
    expect(parseFloat(size)).toBeGreaterThanOrEqual(32);
    await fitsWidth(page, '/affichage');
    for (const [email, pages] of [
      ['parent@demo.test', ['/mes-enfants', '/mes-coordonnees']],
      ['accompagnateur@demo.test', ['/aujourdhui']],
      ['coordination@demo.test', ['/inscriptions', '/bilan']],
    ] as const) {
      await loginHome(page, email);
      await page.context().addCookies([{ name: 'passerelle_display', value: '200', url: info.project.use.baseURL! }]);
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-text', '200');
        await page.waitForLoadState('networkidle');
        await fitsWidth(page, path);
        await expect(page.locator('h1')).toBeVisible();
      }
    }
  });

  test('chosen once, they follow the account to another device', async ({ browser, page }, info) => {
    test.skip(info.project.name.startsWith('tablet'), 'a desktop and a phone');
    await loginHome(page, 'parent@demo.test');
    await choose(page, 'Grande (125 %)', ['Contraste renforcé', 'Police adaptée à la dyslexie', 'Réduire les animations']);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-text', '125');
    await expect(html).toHaveAttribute('data-contrast', 'high');
    await expect(html).toHaveAttribute('data-font', 'dyslexia');
    await expect(html).toHaveAttribute('data-motion', 'reduce');
    expect(sql("SELECT display FROM users WHERE email = 'parent@demo.test'")[0][0]).toBe('125.contrast.dyslexia.calm');
    // The font really is the dyslexia-friendly one, and the text black.
    await page.goto('/mes-enfants');
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('OpenDyslexic');
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    // A two-second transition is cut to nothing.
    const transition = (p: Page) => p.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.transition = 'opacity 2s';
      document.body.append(probe);
      const duration = getComputedStyle(probe).transitionDuration;
      probe.remove();
      return duration;
    });
    expect(await transition(page)).toBe('1e-05s');

    // Another device, never told: the sign-in brings them back.
    const other = await browser.newContext({ ...info.project.use, baseURL: info.project.use.baseURL });
    const phone = await other.newPage();
    await loginHome(phone, 'parent@demo.test');
    await expect(phone.locator('html')).toHaveAttribute('data-contrast', 'high');
    await expect(phone.locator('html')).toHaveAttribute('data-text', '125');
    // Back to the defaults there: the account forgets them too.
    await choose(phone, 'Normale (100 %)', []);
    await expect(phone.locator('html')).not.toHaveAttribute('data-contrast', /./);
    await expect(phone.locator('html')).not.toHaveAttribute('data-text', /./);
    expect(await transition(phone)).toBe('2s');
    expect(sql("SELECT display FROM users WHERE email = 'parent@demo.test'")[0][0]).toBe('');
    await other.close();
  });

  test('the statement and the settings are linked from every footer', async ({ page }) => {
    await page.context().clearCookies();
    for (const path of ['/connexion', '/affichage']) {
      await page.goto(path);
      const footer = page.getByRole('contentinfo');
      await expect(footer.getByRole('link', { name: 'Accessibilité : partiellement conforme' })).toBeVisible();
    }
    await loginHome(page, 'coordination@demo.test');
    await page.getByRole('contentinfo').getByRole('link', { name: /^Accessibilité/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Déclaration d'accessibilité");
    await expect(page.getByRole('heading', { name: 'Voies de recours' })).toBeVisible();
    await expect(page.getByText('partiellement conforme au référentiel général')).toBeVisible();
    // In English too.
    await page.context().addCookies([{ name: 'passerelle_lang', value: 'en', url: test.info().project.use.baseURL! }]);
    await page.goto('/accessibilite');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accessibility statement');
    sql("UPDATE users SET locale = 'fr' WHERE email = 'coordination@demo.test'");
  });
});
