import { expect, test } from '@playwright/test';
import { login } from './helpers';

// « Mon compte »: reached from one's name in the top bar, it lists the
// devices signed in, refuses a guessable password in French and sets up a
// second factor. Nothing here changes how the demo accounts sign in: the
// password change is refused, and the second factor is never confirmed
// (the whole sign-in with a code is tested on the server, accounts.rs).

test('my account: devices, a refused password, the set-up of a second factor', async ({ page }, info) => {
  await login(page, 'parent2@demo.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes enfants');
  await page.waitForLoadState('networkidle');
  await page.locator('a.who').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte');
  await expect(page.locator('.device[data-current="true"]')).toContainText('cet appareil');

  if (!info.project.name.endsWith('-nojs')) {
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  }
  await page.getByLabel('Mot de passe actuel').fill('passerelle-demo');
  await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('motdepasse2026');
  await page.getByLabel('Confirmez le nouveau mot de passe').fill('motdepasse2026');
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByText(/trop facile à deviner/).first()).toBeVisible();

  await page.goto('/compte');
  await page.getByRole('link', { name: 'Activer la double authentification' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Double authentification');
  await expect(page.getByRole('img', { name: /Code QR/ })).toBeVisible();
  await expect(page.locator('.recovery-codes li')).toHaveCount(10);
  await expect(page.locator('code.secret')).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await page.screenshot({ path: test.info().outputPath('second-factor.png'), fullPage: true });
});
