import { expect, test } from '@playwright/test';
import { loginHome, sql, watchErrors } from './helpers';

// « Préparer l'année suivante » (issue 22): the coordinator prepares the
// next year (this year's groups copied), imports its holidays, and carries
// every child over in one form: Inès to her group's copy, Yanis « sorti »
// at the year's end; Inès's record then says her consent and contract are
// to renew. On a desktop and a phone; the form works without JavaScript,
// the holidays file is read by the hydrated page. The next year is removed
// afterwards: the other specs run on this year's demo.

watchErrors();

const NEXT = "SELECT id FROM school_years WHERE first_day > (SELECT MIN(last_day) FROM school_years)";
const NEXT_GROUPS = `SELECT id FROM groups WHERE school_year_id IN (${NEXT})`;

function cleanUp() {
  sql(`DELETE FROM group_members WHERE group_id IN (${NEXT_GROUPS})`);
  sql(`DELETE FROM group_accompanists WHERE group_id IN (${NEXT_GROUPS})`);
  sql(`DELETE FROM groups WHERE school_year_id IN (${NEXT})`);
  sql(`DELETE FROM holidays WHERE school_year_id IN (${NEXT})`);
  sql(`DELETE FROM school_years WHERE id IN (${NEXT})`);
  sql("UPDATE children SET status = 'inscrit', left_on = NULL, left_reason = NULL, last_contact_on = NULL WHERE left_reason = 'Fin de l''année scolaire'");
  sql('UPDATE children SET renew_from = NULL');
}

test.describe('the next school year', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('tablet'), 'a desktop and a phone');
    cleanUp();
  });
  test.afterEach(cleanUp);

  test('prepared, its holidays imported, every child carried over in one step', async ({ page }, info) => {
    const js = info.project.name.endsWith('-js');
    const [[ines]] = sql("SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'");
    const [[yanis]] = sql("SELECT id FROM children WHERE first_name = 'Yanis' AND last_name = 'Bouzid'");
    const OURS = "SELECT COUNT(*) FROM groups g JOIN users u ON u.organisation_id = g.organisation_id WHERE u.email = 'coordination@demo.test'";
    const [[groups]] = sql(OURS);

    await loginHome(page, 'coordination@demo.test');
    await page.goto('/annee-scolaire');
    await page.getByRole('link', { name: 'Préparer l\'année suivante' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Préparer l\'année suivante');
    if (js) await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
    await page.getByRole('button', { name: 'Préparer l\'année suivante' }).click();
    const prepared = page.locator('section.next-year');
    await expect(prepared).toContainText(/Année \d{4}-\d{4} préparée/);
    const label = await prepared.getAttribute('data-school-year');
    expect(sql(OURS)[0][0]).toBe(groups * 2);

    if (js) {
      const start = Number(label!.slice(0, 4));
      const csv = [
        'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
        `Vacances de la Toussaint;-;${start}-10-16;${start}-11-02;Paris;Zone C;${label}`,
        `Vacances de Noël;-;${start}-12-18;${start + 1}-01-04;Paris;Zone C;${label}`,
      ].join('\n');
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'calendrier.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('button', { name: 'Importer les vacances' }).click();
      await expect(page.getByText('Calendrier importé : 2 période(s) de vacances.')).toBeVisible();
      await expect(prepared).toContainText('2 période(s) de vacances');
    }

    // Inès goes to her group's copy (proposed); Yanis leaves.
    const inesRow = page.locator(`tr[data-child-id="${ines}"]`);
    await expect(inesRow.locator('select')).not.toHaveValue('');
    await page.locator(`tr[data-child-id="${yanis}"] select`).selectOption({ label: 'Sort en fin d\'année' });
    await page.getByRole('button', { name: 'Passer les enfants à l\'année suivante' }).click();
    await expect(page.locator('section.carry-over')).toContainText('1 sortie(s) prévue(s) à la fin de l\'année');
    expect(sql(`SELECT COUNT(*) FROM group_members WHERE child_id = ? AND group_id IN (${NEXT_GROUPS})`, ines)[0][0]).toBe(1);
    expect(sql('SELECT status FROM children WHERE id = ?', yanis)[0][0]).toBe('sorti');
    // This year's places stay.
    expect(sql(`SELECT COUNT(*) FROM group_members WHERE child_id = ? AND group_id NOT IN (${NEXT_GROUPS})`, yanis)[0][0]).toBe(1);

    await page.goto(`/inscriptions/${ines}`);
    await expect(page.getByText(/À renouveler pour l'année qui commence le/)).toBeVisible();
  });
});
