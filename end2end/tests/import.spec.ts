import { expect, test } from '@playwright/test';
import { loginHome, sql, watchErrors } from './helpers';

// « Importer des enfants » (issue 22): a file previewed line by line, its
// valid lines written, the same file again changing nothing, an updated
// file updating; on a desktop and a phone. The file is read by the
// hydrated page.

watchErrors(/status of 422/);

const HEADER = 'Prénom;Nom;Date de naissance;Sexe;Classe;Groupe;Orienté par;Date d\'orientation;Responsable 1 prénom;Responsable 1 nom;Responsable 1 téléphone;Accord donné par;Date de l\'accord;Forme de l\'accord';

function cleanUp() {
  const children = "SELECT id FROM children WHERE last_name LIKE 'Tableur-%'";
  for (const table of ['consents', 'child_guardians', 'referrals', 'group_members', 'group_waiting_list']) {
    sql(`DELETE FROM ${table} WHERE child_id IN (${children})`);
  }
  sql("DELETE FROM guardians WHERE last_name LIKE 'Tableur-%'");
  sql("DELETE FROM children WHERE last_name LIKE 'Tableur-%'");
}

function smallestGroup(): string {
  const [[name]] = sql(
    `SELECT g.name, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS n
     FROM groups g JOIN users u ON u.organisation_id = g.organisation_id
     WHERE u.email = 'coordination@demo.test' ORDER BY n, g.name LIMIT 1`);
  return name;
}

function csv(lines: string[]): Buffer {
  return Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n');
}

test.describe('the children import', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(!info.project.name.endsWith('-js') || info.project.name.startsWith('tablet'),
      'read by the hydrated page; a desktop and a phone');
    cleanUp();
  });
  test.afterEach(cleanUp);

  test('a file is previewed, written, and the same file again changes nothing', async ({ page }) => {
    const group = smallestGroup();
    const line = (first: string, last: string, phone = '') =>
      `${first};${last};02/04/2017;F;CE2;${group};enseignant;15/09/2026;Claire;${last};${phone};1;20/09/2026;papier`;
    const file = csv([
      line('Élise', 'Tableur-Aubert', '06 10 20 30 40'),
      line('Noé', 'Tableur-Brun'),
      line('Max', 'Tableur-Caron').replace(group, 'Les Étoiles'),
    ]);
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/inscriptions');
    await page.getByRole('link', { name: 'Importer depuis un tableur' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Importer des enfants');
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);

    const chosen = page.getByLabel('Fichier CSV, XLSX ou ODS');
    await chosen.setInputFiles({ name: 'enfants.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const preview = page.locator('table.import-preview');
    await expect(preview.locator('tbody tr')).toHaveCount(3);
    await expect(preview.locator('tbody tr').nth(0)).toContainText('Nouvel enfant');
    await expect(preview.locator('tbody tr').nth(2)).toContainText('Refusée');
    await expect(preview.locator('tbody tr').nth(2))
      .toContainText('Groupe : aucun groupe de l\'année ne s\'appelle « Les Étoiles »');
    // Nothing written yet.
    expect(sql("SELECT COUNT(*) FROM children WHERE last_name LIKE 'Tableur-%'")[0][0]).toBe(0);

    // All or nothing: the refused line stops everything.
    await page.getByRole('button', { name: /Tout ou rien/ }).click();
    await expect(page.getByRole('alert')).toContainText('Rien n\'a été écrit : 1 ligne(s) refusée(s)');
    expect(sql("SELECT COUNT(*) FROM children WHERE last_name LIKE 'Tableur-%'")[0][0]).toBe(0);

    await page.getByRole('button', { name: 'Importer les 2 ligne(s) valides, sans les refusées' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Import terminé' }))
      .toContainText('2 enfant(s) ajouté(s)');
    expect(sql("SELECT COUNT(*) FROM children WHERE last_name LIKE 'Tableur-%'")[0][0]).toBe(2);

    // The same file again: the two children are already here.
    await chosen.setInputFiles({ name: 'enfants.csv', mimeType: 'text/csv', buffer: file });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(preview.locator('tbody tr').nth(0)).toContainText('Inchangé');
    await expect(preview.locator('tbody tr').nth(1)).toContainText('Inchangé');

    // An updated file: a new phone for Élise's mother.
    const updated = csv([line('Elise', 'TABLEUR-AUBERT', '07 99 88 77 66'), line('Noé', 'Tableur-Brun')]);
    await chosen.setInputFiles({ name: 'enfants.csv', mimeType: 'text/csv', buffer: updated });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(preview.locator('tbody tr').nth(0)).toContainText('Mis à jour');
    await expect(preview.locator('tbody tr').nth(0)).toContainText('Change : Responsables');
    await page.getByRole('button', { name: 'Importer les 1 ligne(s)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Import terminé' }))
      .toContainText('1 mis à jour');
    expect(sql("SELECT COUNT(*) FROM children WHERE last_name LIKE 'Tableur-%'")[0][0]).toBe(2);
    expect(sql("SELECT phone FROM guardians WHERE last_name = 'Tableur-Aubert'")[0][0]).toBe('07 99 88 77 66');
  });

  test('a file that is no table is refused in words', async ({ page }) => {
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/importer');
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
    const garbage = Buffer.alloc(300_000, 0);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) % 251;
    await page.getByLabel('Fichier CSV, XLSX ou ODS')
      .setInputFiles({ name: 'photo.csv', mimeType: 'text/csv', buffer: garbage });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.getByRole('alert')).toContainText('Ce fichier ne se lit pas comme un tableau');
    // Too large: said before anything is sent.
    await page.getByLabel('Fichier CSV, XLSX ou ODS')
      .setInputFiles({ name: 'gros.csv', mimeType: 'text/csv', buffer: Buffer.alloc(5 * 1024 * 1024, 97) });
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect(page.getByRole('alert').first()).toContainText('Le fichier est trop gros');
  });
});
