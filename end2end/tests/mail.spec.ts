import { expect, test } from '@playwright/test';
import { login, loginHome, mailsTo, sql } from './helpers';

// E-mail (issue 21): « Mot de passe oublié ? » by a real mail, a person's
// mail choices in « Mon compte », and the admin's outbox; on every device,
// with and without JavaScript.

const ACCOUNT = 'coordination@autre-structure.test';

test.beforeEach(() => {
  // Each project asks for a link for the same account: start each without
  // the throttle and the hourly allowance the earlier ones spent.
  sql("DELETE FROM login_throttle WHERE throttle_key LIKE 'reset-%'");
  sql('DELETE FROM password_resets');
});

async function waitForLink(before: number): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mails = mailsTo(ACCOUNT);
    if (mails.length > before) {
      const text = mails[mails.length - 1].text;
      const match = text.match(/https?:\/\/[^\s]+\/mot-de-passe\/[A-Za-z0-9_-]+/);
      expect(match, text).toBeTruthy();
      return new URL(match![0]).pathname;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no mail arrived');
}

test('a forgotten password comes back through a mail', async ({ page }) => {
  // The account gets its password back at the end, for the other tests.
  const [[kept]] = sql('SELECT password_hash FROM users WHERE email = ?', ACCOUNT);
  const before = mailsTo(ACCOUNT).length;
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié');
  await page.getByLabel('Adresse e-mail').fill(ACCOUNT);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  const path = await waitForLink(before);
  const sent = mailsTo(ACCOUNT).pop()!;
  expect(sent.subject).toBe('Choisir un nouveau mot de passe');
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouveau mot de passe');
  await expect(page.getByText(ACCOUNT)).toBeVisible();
  const chosen = 'une phrase bien à moi pour ce test';
  await page.getByLabel('Mot de passe', { exact: true }).fill(chosen);
  await page.getByLabel('Confirmez le mot de passe').fill(chosen);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Connexion');
  await expect(page.getByRole('status')).toContainText('Votre mot de passe a changé');
  // The link works once.
  await page.goto(path);
  await expect(page.getByRole('alert')).toContainText('déjà servi');
  await login(page, ACCOUNT, chosen);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Planning');
  sql('UPDATE users SET password_hash = ? WHERE email = ?', kept, ACCOUNT);
});

test('the same answer for an address without an account', async ({ page }) => {
  await page.goto('/mot-de-passe-oublie');
  await page.getByLabel('Adresse e-mail').fill('personne@nulle-part.test');
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte existe pour cette adresse');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
});

test('my account: the mails a parent receives', async ({ page }) => {
  await loginHome(page, 'parent@demo.test');
  await page.goto('/compte');
  await expect(page.getByRole('heading', { name: 'Courriels' })).toBeVisible();
  const choice = page.locator('.mail-choice').first();
  await expect(choice).toContainText('Alerte le soir même');
  const status = choice.locator('.mail-choice-status');
  const wanted = (await status.textContent())!.trim() === 'Reçu';
  await choice.getByRole('button', { name: wanted ? 'Ne plus recevoir' : 'Recevoir' }).click();
  await expect(page.locator('.mail-choice-status').first()).toHaveText(wanted ? 'Non reçu' : 'Reçu');
  await page.locator('.mail-choice').first()
    .getByRole('button', { name: wanted ? 'Recevoir' : 'Ne plus recevoir' }).click();
  await expect(page.locator('.mail-choice-status').first()).toHaveText(wanted ? 'Reçu' : 'Non reçu');
});

test('the admin sees the outbox', async ({ page }) => {
  await loginHome(page, 'admin@demo.test');
  await page.getByRole('link', { name: 'Courriels envoyés et en attente' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Courriels');
  await expect(page.getByRole('navigation', { name: 'Filtrer par état' })).toBeVisible();
  await page.getByRole('link', { name: 'Envoyé', exact: true }).click();
  await expect(page).toHaveURL(/etat=sent/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
