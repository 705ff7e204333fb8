import { expect, test } from '@playwright/test';
import { alive, loginHome, sql, watchErrors } from './helpers';

// Parents keep their data current (issue 22): Inès's mother corrects her
// phone and proposes an aunt to pick Inès up; the aunt waits « en attente »
// until the coordinator approves her on Inès's record; the coordinator asks
// every family to check its data and the mother's home asks her first. On a
// desktop and a phone, with and without JavaScript (plain forms).

watchErrors();

let phone: string | null = null;

function cleanUp() {
  sql("DELETE FROM authorised_adults WHERE name LIKE 'E2E %'");
  sql("UPDATE guardians SET check_asked_at = NULL, checked_at = NULL");
  if (phone !== null) sql("UPDATE guardians SET phone = ? WHERE first_name = 'Samira' AND last_name = 'Benali'", phone);
}

test.describe('parents keep their data current', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('tablet'), 'a desktop and a phone');
    [[phone]] = sql("SELECT phone FROM guardians WHERE first_name = 'Samira' AND last_name = 'Benali'");
    cleanUp();
  });
  test.afterEach(cleanUp);

  test('a phone corrected, a pick-up adult proposed then approved', async ({ page }, info) => {
    const aunt = `E2E ${info.project.name} Leïla Haddad`;
    await loginHome(page, 'parent@demo.test');
    await page.getByRole('link', { name: 'Mes coordonnées' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes coordonnées');
    await alive(page);
    await page.getByLabel('Téléphone', { exact: true }).first().fill('07 98 76 54 32');
    await page.getByLabel('Adresse', { exact: true }).fill('12 rue des Lilas\n69008 Lyon');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.locator('#details-phone')).toHaveValue('07 98 76 54 32');
    expect(sql("SELECT phone FROM guardians WHERE first_name = 'Samira' AND last_name = 'Benali'")[0][0])
      .toBe('07 98 76 54 32');

    const ines = page.locator('section.pickup', { hasText: 'Inès' });
    await ines.getByText('Proposer une personne').click();
    await ines.getByLabel('Nom', { exact: true }).fill(aunt);
    await ines.getByLabel('Lien avec l\'enfant').fill('tante');
    await ines.getByRole('button', { name: 'Proposer', exact: true }).click();
    const proposed = page.locator('section.pickup', { hasText: 'Inès' }).locator('li.adult', { hasText: aunt });
    await expect(proposed).toContainText('en attente de validation par la structure');
    await expect(proposed).toHaveAttribute('data-pending', 'true');

    // The coordinator: on « Familles », then on Inès's record.
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/familles');
    const waiting = page.locator('.pending-adults li', { hasText: aunt });
    await expect(waiting).toContainText('proposé par Samira Benali');
    await waiting.getByRole('link', { name: 'Inès Benali' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Inès');
    await alive(page);
    const row = page.locator('li.adult', { hasText: aunt });
    await expect(row).toContainText('Proposé par Samira Benali, à valider');
    await row.getByRole('button', { name: `Valider ${aunt}` }).click();
    await expect(page.locator('li.adult', { hasText: aunt })).toHaveAttribute('data-pending', 'false');
    await expect(page.locator('table.history')).toContainText('Coordonnées corrigées par la famille');
    await expect(page.locator('table.history')).toContainText('Adulte autorisé validé');
    expect(sql('SELECT pending FROM authorised_adults WHERE name = ?', aunt)[0][0]).toBe(0);

    // Her mother sees her approved.
    await loginHome(page, 'parent@demo.test');
    await page.goto('/mes-coordonnees');
    const approved = page.locator('section.pickup', { hasText: 'Inès' }).locator('li.adult', { hasText: aunt });
    await expect(approved).toHaveAttribute('data-pending', 'false');
    await expect(approved).not.toContainText('en attente');
  });

  test('the coordinator asks the families to check their data; the home asks first', async ({ page }) => {
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/familles');
    await alive(page);
    await page.getByRole('button', { name: 'Demander aux familles de vérifier leurs coordonnées' }).click();
    await expect(page.locator('.family-checks')).toContainText(/Demandé le .* : 0 responsable\(s\) sur \d+ ont vérifié/);

    await loginHome(page, 'parent@demo.test');
    const asked = page.locator('.details-asked');
    await expect(asked).toContainText('Vérifiez vos coordonnées pour cette année');
    // It comes first: before the messages and the children.
    const first = await page.locator('main > *:not(h1)').first().getAttribute('class');
    expect(first ?? '').toContain('details-asked');
    await asked.getByRole('link', { name: 'Vérifier mes coordonnées' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes coordonnées');
    await alive(page);
    await page.getByRole('button', { name: 'Mes coordonnées sont à jour' }).click();
    await expect(page.locator('.details-asked')).toHaveCount(0);
    await page.goto('/mes-enfants');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes enfants');
    await expect(page.locator('.details-asked')).toHaveCount(0);

    await loginHome(page, 'coordination@demo.test');
    await page.goto('/familles');
    await expect(page.locator('.family-checks')).toContainText(/: 1 responsable\(s\) sur \d+ ont vérifié/);
  });
});
