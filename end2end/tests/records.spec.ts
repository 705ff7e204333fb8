import { expect, test } from '@playwright/test';
import { loginHome, sql, watchErrors } from './helpers';

// The refusals these tests ask for (a bad file, a missing consent, a full
// group) are answered 422.
watchErrors(/status of 422/);

/** The demo structure's school year and its holidays, to put them back
 * after a test that imports others (the planning tests rely on them). */
function demoYear(): { id: string; label: string; firstYear: number } {
  const [[id, label, first]] = sql(
    `SELECT y.id, y.label, y.first_day FROM school_years y JOIN users u ON u.organisation_id = y.organisation_id
     WHERE u.email = 'coordination@demo.test'`);
  return { id, label, firstYear: Number(String(first).slice(0, 4)) };
}

function calendarFile(label: string, y: number, extra: string[] = []): string {
  return '\ufeff' + [
    'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
    `Vacances de la Toussaint;-;${y}-10-17T00:00:00+02:00;${y}-11-02T00:00:00+01:00;Paris;Zone C;${label}`,
    `Vacances de Noël;-;${y}-12-19;${y + 1}-01-04;Paris;Zone C;${label}`,
    `Vacances de Noël;-;${y}-12-12;${y + 1}-01-04;Lyon;Zone A;${label}`,
    ...extra,
  ].join('\n') + '\n';
}

test.describe('the school year', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('phone'), 'a coordinator at a desk or on a tablet');
  });

  test('lists the holidays, with JavaScript or without', async ({ page }) => {
    const year = demoYear();
    const count = sql('SELECT COUNT(*) FROM holidays WHERE school_year_id = ?', year.id)[0][0];
    await loginHome(page, 'coordination@demo.test');
    await page.getByRole('link', { name: 'Structure' }).click();
    await page.getByRole('link', { name: 'Année scolaire et vacances' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Année scolaire');
    await expect(page.getByRole('heading', { name: `Année ${year.label}` })).toBeVisible();
    await expect(page.locator('li.holiday')).toHaveCount(count);
  });

  test('an import with a bad line changes nothing; a good one replaces the holidays', async ({ page }, info) => {
    test.skip(!info.project.name.endsWith('-js'), 'the file is read by the hydrated page');
    const year = demoYear();
    const saved = sql('SELECT id, school_year_id, name, first_day, last_day FROM holidays WHERE school_year_id = ?', year.id);
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.goto('/annee-scolaire');
      await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      const before = await page.locator('li.holiday').allTextContents();
      const file = page.getByLabel('Fichier CSV');

      await file.setInputFiles({
        name: 'calendrier.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(calendarFile(year.label, year.firstYear,
          [`Vacances d'Hiver;-;le 6 février;${year.firstYear + 1}-02-22;Paris;Zone C;${year.label}`])),
      });
      await page.getByRole('button', { name: 'Importer' }).click();
      const problems = page.locator('.import-problems');
      await expect(problems).toContainText("Le fichier n'a pas été importé");
      await expect(problems.locator('li')).toHaveCount(1);
      await expect(problems.locator('li[data-line="5"]')).toContainText('« le 6 février » n\'est pas une date');
      await expect(page.locator('li.holiday')).toHaveText(before);

      await file.setInputFiles({
        name: 'calendrier.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(calendarFile(year.label, year.firstYear)),
      });
      await page.getByRole('button', { name: 'Importer' }).click();
      await expect(page.getByRole('status')).toContainText('Calendrier importé : 2 période(s)');
      await expect(page.locator('li.holiday')).toHaveCount(2);
      await expect(page.locator('li.holiday').first()).toContainText('Vacances de la Toussaint');
      await expect(page.locator('li.holiday').first()).toContainText(/du \S+ 17 octobre au \S+ 1er novembre/);
    } finally {
      sql('DELETE FROM holidays WHERE school_year_id = ?', year.id);
      for (const row of saved) {
        sql('INSERT INTO holidays (id, school_year_id, name, first_day, last_day) VALUES (?, ?, ?, ?, ?)', ...row.map(String));
      }
    }
  });

  test('a holiday entered by hand is checked, added and deleted', async ({ page }, info) => {
    test.skip(!info.project.name.endsWith('-js'), 'hydrated forms');
    const year = demoYear();
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/annee-scolaire');
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
    const day = `${year.firstYear}-11-11`;
    await page.getByLabel('Nom', { exact: true }).fill('Pont du 11 novembre');
    await page.getByLabel('Premier jour sans école').fill(day);
    await page.getByLabel('Dernier jour sans école').fill(day);
    await page.getByRole('button', { name: 'Ajouter' }).click();
    const added = page.locator('li.holiday', { hasText: 'Pont du 11 novembre' });
    await expect(added).toContainText(/le \S+ 11 novembre/);
    await added.getByRole('button', { name: 'Supprimer Pont du 11 novembre' }).click();
    await expect(added).toHaveCount(0);
  });
});

test.describe('enrolment', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(!info.project.name.endsWith('-js') || info.project.name.startsWith('phone'),
      'a coordinator at a desk or on a tablet, hydrated');
  });

  /** Removes what the tests enrolled (the register and planning tests count
   * the groups' children). One table at a time: the helper's SQLite
   * connection does not cascade. */
  function cleanUp() {
    for (const table of ['consents', 'child_guardians', 'referrals', 'group_members', 'group_waiting_list']) {
      sql(`DELETE FROM ${table} WHERE child_id IN (SELECT id FROM children WHERE last_name = 'Essai')`);
    }
    sql("DELETE FROM guardians WHERE last_name = 'Essai'");
    sql("DELETE FROM children WHERE last_name = 'Essai'");
  }

  function smallestGroup(): { id: string; name: string; enrolled: number } {
    const [[id, name, enrolled]] = sql(
      `SELECT g.id, g.name, (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id) AS n
       FROM groups g JOIN users u ON u.organisation_id = g.organisation_id
       WHERE u.email = 'coordination@demo.test' ORDER BY n, g.name LIMIT 1`);
    return { id, name, enrolled };
  }

  async function fillIn(page: import('@playwright/test').Page, firstName: string, group: string, consent: boolean) {
    await page.getByText('Inscrire un enfant').click();
    await page.getByLabel("Prénom de l'enfant", { exact: true }).fill(firstName);
    await page.getByLabel("Nom de l'enfant", { exact: true }).fill('Essai');
    await page.getByLabel('Date de naissance').fill('2016-05-12');
    await page.getByLabel('Sexe').selectOption('F');
    await page.getByLabel('Classe').selectOption('CM1');
    await page.getByLabel('Orienté par').selectOption('enseignant');
    await page.getByLabel("Date de l'orientation").fill('2026-10-01');
    await page.getByLabel('Besoin repéré').fill('Prendre confiance à l\'oral');
    const first = page.locator('fieldset', { hasText: 'Responsable 1' }).first();
    await first.getByLabel('Prénom').fill('Claire');
    await first.getByLabel('Nom', { exact: true }).fill('Essai');
    await first.getByLabel('Téléphone').fill('06 12 34 56 78');
    const second = page.locator('fieldset', { hasText: 'Responsable 2 (facultatif)' });
    await second.getByLabel('Prénom').fill('Paul');
    await second.getByLabel('Nom', { exact: true }).fill('Essai');
    await second.getByLabel('E-mail').fill('paul.essai@exemple.fr');
    if (consent) {
      await page.getByLabel('Accord donné par').selectOption('2');
      await page.getByLabel("Date de l'accord").fill('2026-10-05');
    }
    await page.getByLabel('Groupe', { exact: true }).selectOption({ value: group });
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
  }

  test('a new child is enrolled end to end; without consent, refused', async ({ page }) => {
    cleanUp();
    const group = smallestGroup();
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.getByRole('link', { name: 'Enfants' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enfants');
      await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);

      await fillIn(page, 'Léonie', group.id, false);
      await expect(page.getByRole('alert')).toContainText("L'accord des parents n'est pas enregistré : l'inscription est impossible.");
      expect(sql("SELECT COUNT(*) FROM children WHERE last_name = 'Essai'")[0][0]).toBe(0);

      await page.getByLabel('Accord donné par').selectOption('2');
      await page.getByLabel("Date de l'accord").fill('2026-10-05');
      await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
      await expect(page.getByRole('status')).toContainText("L'enfant est inscrit.");
      await expect(page.getByRole('row', { name: /Léonie Essai/ })).toContainText(group.name);
      const [[status, guardians, consents]] = sql(
        `SELECT c.status, (SELECT COUNT(*) FROM child_guardians WHERE child_id = c.id),
                (SELECT COUNT(*) FROM consents WHERE child_id = c.id)
         FROM children c WHERE c.first_name = 'Léonie' AND c.last_name = 'Essai'`);
      expect([status, guardians, consents]).toEqual(['inscrit', 2, 1]);
    } finally {
      cleanUp();
    }
  });

  test('the 16th child of a group is refused', async ({ page }) => {
    cleanUp();
    const group = smallestGroup();
    const [[org]] = sql('SELECT organisation_id FROM groups WHERE id = ?', group.id);
    try {
      for (let n = group.enrolled; n < 15; n++) {
        sql(`INSERT INTO children (id, organisation_id, first_name, last_name, birth_year, sex, school_level, status, created_at)
             VALUES (?, ?, 'Place', 'Essai', 2016, 'M', 'CM1', 'inscrit', '2026-09-01T00:00:00Z')`, `essai-${n}`, org);
        sql("INSERT INTO group_members (group_id, child_id, joined_on) VALUES (?, ?, '2026-09-01')", group.id, `essai-${n}`);
      }
      await loginHome(page, 'coordination@demo.test');
      await page.goto('/inscriptions');
      await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      await fillIn(page, 'Seizième', group.id, true);
      await expect(page.getByRole('alert')).toContainText('Le groupe dépasserait 15 enfants');
      expect(sql("SELECT COUNT(*) FROM children WHERE first_name = 'Seizième'")[0][0]).toBe(0);
    } finally {
      cleanUp();
    }
  });
});
