import { expect, test } from '@playwright/test';
import { HOMES, hrefOf, login, loginHome, watchErrors } from './helpers';

watchErrors();

test.describe('sign-in and homes', () => {
  for (const [email, heading] of Object.entries(HOMES)) {
    test(`${email} lands on « ${heading} »`, async ({ page }) => {
      await login(page, email);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
      // No horizontal scrolling, down to the phone.
      // Against the device's width: a phone zooms out to fit wider content.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
    });
  }

  test('a wrong password is explained in French', async ({ page }) => {
    await login(page, 'coordination@demo.test', 'pas le bon mot de passe');
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  });

  test('logout ends the session', async ({ page }) => {
    await loginHome(page, 'parent@demo.test');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
    await page.goto('/mes-enfants');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  });

  test('an unknown address is a 404 page', async ({ page }) => {
    const response = await page.goto('/cette-page-n-existe-pas');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
  });

  test('the accompanist has a session today', async ({ page }) => {
    await loginHome(page, 'accompagnateur@demo.test');
    await expect(page.locator('[data-session-id]').first()).toBeVisible();
  });
});

test.describe('refusals through the UI', () => {
  test('a parent cannot open another family\'s child by changing the address', async ({ page }) => {
    await loginHome(page, 'coordination@demo.test');
    await page.getByRole('link', { name: 'CP-CE2', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Groupe CP-CE2');
    const other = await hrefOf(page, 'Lucas Moreau');
    const own = await hrefOf(page, 'Inès Benali');

    await loginHome(page, 'parent@demo.test');
    await page.goto(own);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inès Benali');
    const response = await page.goto(other);
    expect(response?.status()).toBe(403);
    await expect(page.getByText('Accès refusé')).toBeVisible();
    await expect(page.getByText('Moreau')).toHaveCount(0);
  });

  test('an accompanist cannot open a group they do not lead', async ({ page }) => {
    await loginHome(page, 'coordination@demo.test');
    const other = await hrefOf(page, 'CM1-CM2');
    await loginHome(page, 'accompagnateur@demo.test');
    const response = await page.goto(other);
    expect(response?.status()).toBe(403);
    await expect(page.getByText('Accès refusé')).toBeVisible();
  });

  test('organisation B cannot open organisation A\'s group', async ({ page }) => {
    await loginHome(page, 'coordination@demo.test');
    const group = await hrefOf(page, 'CP-CE2');
    await login(page, 'coordination@autre-structure.test');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
    const response = await page.goto(group);
    expect(response?.status()).toBe(403);
    await expect(page.getByText('Lucas')).toHaveCount(0);
  });
});

test('every home fits a 360 px phone without horizontal scrolling', async ({ page }, info) => {
  test.skip(!info.project.name.startsWith('phone'), 'phone only');
  await page.setViewportSize({ width: 360, height: 740 });
  for (const email of [...Object.keys(HOMES), 'coordination@autre-structure.test']) {
    await login(page, email);
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Connexion');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, email).toBeLessThanOrEqual(360);
    // Why: each home is seen whole before the next sign-in; leaving a page
    // while its file loads is tested on its own (cut_fetch.spec.ts).
    await page.waitForLoadState('networkidle');
  }
  await login(page, 'coordination@demo.test');
  await page.goto('/invitations');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, '/invitations').toBeLessThanOrEqual(360);
});

test('an invitation link creates an account once', async ({ page, browser }, info) => {
  test.skip(info.project.name.endsWith('-nojs'), 'the new link is shown by the hydrated page');
  await loginHome(page, 'coordination@demo.test');
  await page.goto('/invitations');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  await page.getByRole('button', { name: /^Inviter / }).first().click();
  const link = (await page.locator('.invitation-link').textContent())!.trim();
  expect(link).toMatch(/^\/invitation\//);

  const guest = await (await browser.newContext(info.project.use)).newPage();
  await guest.goto(link);
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText('Créer votre compte');
  await guest.getByLabel('Mot de passe', { exact: true }).fill('une phrase facile à retenir');
  await guest.getByLabel('Confirmez le mot de passe').fill('une phrase facile à retenir');
  await guest.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(guest.getByRole('heading', { level: 1 })).toHaveText(/Aujourd'hui|Mes enfants/);
  // The same link again: refused, in French.
  await guest.context().clearCookies();
  await guest.goto(link);
  await expect(guest.getByRole('alert')).toContainText('déjà servi');
  await guest.context().close();
});
