import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { loginHome, sql, watchErrors } from './helpers';

// The refusals these tests ask for are answered 422.
watchErrors(/status of 422/);

/** The demo structure's first group and a child in it with a contract. */
function demoChild(): { group: string; child: string; name: string } {
  const [[group, child, first, last]] = sql(
    `SELECT g.id, c.id, c.first_name, c.last_name FROM groups g
     JOIN users u ON u.organisation_id = g.organisation_id
     JOIN group_members gm ON gm.group_id = g.id JOIN children c ON c.id = gm.child_id
     JOIN contracts k ON k.child_id = c.id
     WHERE u.email = 'coordination@demo.test' ORDER BY g.name, c.last_name, c.first_name LIMIT 1`);
  return { group, child, name: `${first} ${last}` };
}

test.describe('a child record', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('phone'), 'a coordinator at a desk or on a tablet');
  });

  test('an authorised adult is added, shown and kept in the history', async ({ page }, info) => {
    const { child, name } = demoChild();
    sql("DELETE FROM authorised_adults WHERE name = 'Mme Essai'");
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.goto('/inscriptions');
      await page.getByRole('link', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      if (info.project.name.endsWith('-js')) {
        await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
        // The browser runs the server's check: a short phone is named at
        // its field and nothing is sent.
        let sent = 0;
        page.on('request', (r) => { if (r.url().includes('/api/records/adult-new')) sent += 1; });
        await page.getByLabel('Nom', { exact: true }).fill('Mme Essai');
        await page.getByLabel("Lien avec l'enfant").fill('voisine');
        await page.getByLabel('Téléphone', { exact: true }).fill('06 12');
        await page.getByRole('button', { name: 'Ajouter cet adulte' }).click();
        await expect(page.locator('[data-field-error="adult_phone"]')).toHaveText("Téléphone de l'adulte : n'est pas au bon format.");
        expect(sent).toBe(0);
      }
      await page.getByLabel('Nom', { exact: true }).fill('Mme Essai');
      await page.getByLabel("Lien avec l'enfant").fill('voisine');
      await page.getByLabel('Téléphone', { exact: true }).fill('06 12 34 56 78');
      await page.getByRole('button', { name: 'Ajouter cet adulte' }).click();
      await expect(page.locator('.adult', { hasText: 'Mme Essai' })).toContainText('voisine');
      await expect(page.locator('table.history')).toContainText('Adulte autorisé ajouté — Mme Essai (voisine)');
      expect(sql("SELECT COUNT(*) FROM authorised_adults WHERE child_id = ? AND name = 'Mme Essai'", child)[0][0]).toBe(1);
    } finally {
      sql("DELETE FROM authorised_adults WHERE name = 'Mme Essai'");
    }
  });

  test("a child's identity is corrected with the enrolment's checks", async ({ page }, info) => {
    test.skip(!info.project.name.startsWith('desktop'), 'once per JavaScript mode');
    const { child, name } = demoChild();
    const [[level, birth]] = sql('SELECT school_level, birth_date FROM children WHERE id = ?', child);
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.goto(`/inscriptions/${child}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      if (info.project.name.endsWith('-js')) {
        await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      }
      const card = page.locator('details.identity-card');
      await card.locator('summary').click();
      await card.getByLabel('Classe').selectOption('6E');
      await card.getByRole('button', { name: "Enregistrer l'identité" }).click();
      await expect(page.locator('.record-facts')).toContainText('6e');
      await expect(page.locator('table.history')).toContainText('Identité corrigée');
      expect(sql('SELECT school_level FROM children WHERE id = ?', child)[0][0]).toBe('6E');
    } finally {
      sql('UPDATE children SET school_level = ?, birth_date = ? WHERE id = ?', level, birth, child);
    }
  });

  test("a group's contracts print one clean page each", async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop-nojs', 'printing once is enough');
    const { group } = demoChild();
    const [[count]] = sql(
      `SELECT COUNT(*) FROM group_members gm JOIN contracts k ON k.child_id = gm.child_id
       JOIN children c ON c.id = gm.child_id WHERE gm.group_id = ? AND c.status <> 'sorti'`, group);
    expect(count).toBeGreaterThan(1);
    await loginHome(page, 'coordination@demo.test');
    await page.goto(`/contrats?groupe=${group}`);
    await expect(page.locator('.contract-sheet')).toHaveCount(count);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar')).toBeHidden();
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    // One page object per sheet: `/Type /Page` (not `/Pages`).
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBe(count);
    const file = info.outputPath('contrats.pdf');
    writeFileSync(file, pdf);
    // The pages as pictures, to look at (poppler-utils, when installed).
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('pdftoppm', ['-png', '-r', '60', file, info.outputPath('contrat')]);
      for (const png of readdirSync(info.outputPath()).filter((f) => f.endsWith('.png'))) {
        await info.attach(png, { path: info.outputPath(png), contentType: 'image/png' });
      }
    }
  });

  test('school and partner meetings are logged', async ({ page }, info) => {
    test.skip(!info.project.name.startsWith('desktop'), 'once per JavaScript mode');
    const { name } = demoChild();
    const notes = `Essai ${info.project.name}`;
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.goto('/suivi');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText("Suivi avec l'école et les partenaires");
      if (info.project.name.endsWith('-js')) {
        await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      }
      const form = page.locator('section.card', { hasText: "Noter une rencontre avec l'école" });
      // Without JavaScript a refused form comes back empty: fill it each time.
      const fill = async () => {
        await form.getByLabel('Rencontre').selectOption('diagnostic');
        await form.getByLabel('Date').fill('2026-11-20');
        await form.getByLabel('Participants').fill('Mme Robert (CM1), la coordinatrice');
        await form.getByLabel('Notes').fill(notes);
      };
      await fill();
      await form.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.getByRole('alert')).toContainText("Enfant ou groupe : choisissez l'enfant ou le groupe dont il a été question.");
      await fill();
      await form.getByLabel("Au sujet de l'enfant").selectOption({ label: name });
      await form.getByRole('button', { name: 'Enregistrer' }).click();
      await expect(page.locator('.logs .card', { hasText: notes })).toContainText(name);
    } finally {
      sql('DELETE FROM school_liaisons WHERE notes = ?', notes);
    }
  });
});

test.describe('the structure', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(!info.project.name.startsWith('desktop'), 'a coordinator at a desk, with and without JavaScript');
  });

  function cleanUp() {
    sql("DELETE FROM school_timetables WHERE school_id IN (SELECT id FROM schools WHERE name = 'École Essai')");
    sql("DELETE FROM schools WHERE name = 'École Essai'");
  }

  test('a school is added with a checked UAI and its usual timetable', async ({ page }, info) => {
    cleanUp();
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.getByRole('link', { name: 'Structure' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Structure');
      if (info.project.name.endsWith('-js')) {
        await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      }
      const card = page.locator('section.card', { hasText: 'Ajouter une école' });
      const fill = async (uai: string) => {
        await card.getByLabel("Nom de l'établissement").fill('École Essai');
        await card.getByLabel('Code UAI').fill(uai);
        await card.getByLabel('Horaires habituels du primaire').check();
      };
      await fill('0931234K');
      await card.getByRole('button', { name: "Ajouter l'école" }).click();
      await expect(page.getByRole('alert').first()).toContainText('Code UAI : doit compter 7 chiffres et sa lettre de contrôle');
      expect(sql("SELECT COUNT(*) FROM schools WHERE name = 'École Essai'")[0][0]).toBe(0);
      await fill('0931234L');
      await card.getByRole('button', { name: "Ajouter l'école" }).click();
      const school = page.locator('section.school', { hasText: 'École Essai' });
      await expect(school).toContainText('0931234L');
      await expect(school.locator('.timetable li')).toHaveCount(8);
    } finally {
      cleanUp();
    }
  });

  test('an accompanist is added, changed and removed; one who led sessions stays', async ({ page }, info) => {
    const removeTrial = () => sql("DELETE FROM accompanists WHERE first_name = 'Essai' AND last_name = 'Bénévole'");
    removeTrial();
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.goto('/structure');
      if (info.project.name.endsWith('-js')) {
        await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      }
      const adding = page.locator('details', { hasText: 'Ajouter un accompagnateur' });
      await adding.getByText('Ajouter un accompagnateur').click();
      await adding.getByLabel('Prénom').fill('Essai');
      await adding.getByLabel('Nom', { exact: true }).fill('Bénévole');
      await adding.getByLabel('Statut').selectOption({ label: 'Bénévole' });
      await adding.getByRole('button', { name: 'Ajouter' }).click();
      await expect(page.locator('li.setting-line', { hasText: 'Essai Bénévole' })).toHaveCount(1);
      const [[id]] = sql("SELECT id FROM accompanists WHERE first_name = 'Essai' AND last_name = 'Bénévole'");
      const line = page.locator(`li[data-accompanist-id="${id}"]`);
      await expect(line).toContainText('bénévole');
      await expect(line).toContainText('compte à inviter');

      await line.getByText('Modifier Essai Bénévole').click();
      await line.getByLabel('Statut').selectOption({ label: 'Salarié' });
      await line.getByLabel('Disponibilités').fill('mardi après 17 h');
      await line.getByRole('button', { name: 'Enregistrer' }).click();
      const changed = page.locator(`li[data-accompanist-id="${id}"]`);
      await expect(changed).toContainText('salarié · mardi après 17 h');
      await expect(changed.locator('details.edit-line')).not.toHaveAttribute('open');
      expect(sql('SELECT paid, availability FROM accompanists WHERE id = ?', id)).toEqual([[1, 'mardi après 17 h']]);

      await changed.getByText('Modifier Essai Bénévole').click();
      await changed.getByRole('button', { name: 'Retirer Essai Bénévole' }).click();
      await expect(page.locator(`li[data-accompanist-id="${id}"]`)).toHaveCount(0);
      expect(sql('SELECT COUNT(*) FROM accompanists WHERE id = ?', id)[0][0]).toBe(0);

      // One who led sessions is kept: the history and the report name them.
      const [[busy, name]] = sql(
        `SELECT a.id, a.first_name || ' ' || a.last_name FROM accompanists a JOIN users u ON u.organisation_id = a.organisation_id
         WHERE u.email = 'coordination@demo.test' AND EXISTS (SELECT 1 FROM session_accompanists sa WHERE sa.accompanist_id = a.id)
         ORDER BY a.last_name LIMIT 1`);
      const kept = page.locator(`li[data-accompanist-id="${busy}"]`);
      await kept.getByText(`Modifier ${name}`).click();
      await kept.getByRole('button', { name: `Retirer ${name}` }).click();
      await expect(page.getByRole('alert').first()).toContainText('Accompagnateur : a déjà encadré des séances');
      expect(sql('SELECT COUNT(*) FROM accompanists WHERE id = ?', busy)[0][0]).toBe(1);
    } finally {
      removeTrial();
    }
  });

  test('a venue is renamed, and one that holds sessions is not removed', async ({ page }, info) => {
    const [[id, name]] = sql(
      `SELECT v.id, v.name FROM venues v JOIN users u ON u.organisation_id = v.organisation_id
       WHERE u.email = 'coordination@demo.test' AND EXISTS (SELECT 1 FROM sessions s WHERE s.venue_id = v.id)
       ORDER BY v.name LIMIT 1`);
    try {
      await loginHome(page, 'coordination@demo.test');
      await page.goto('/structure');
      if (info.project.name.endsWith('-js')) {
        await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      }
      const line = page.locator(`li[data-venue-id="${id}"]`);
      await line.getByText(`Modifier ${name}`).click();
      await line.getByLabel('Nom du lieu').fill('Salle renommée');
      await line.getByRole('button', { name: 'Enregistrer' }).click();
      const renamed = page.locator(`li[data-venue-id="${id}"]`);
      await expect(renamed.locator('strong')).toHaveText('Salle renommée');
      expect(sql('SELECT name FROM venues WHERE id = ?', id)[0][0]).toBe('Salle renommée');
      await renamed.getByText('Modifier Salle renommée').click();
      await renamed.getByRole('button', { name: 'Retirer Salle renommée' }).click();
      await expect(page.getByRole('alert').first()).toContainText('Lieu : des séances y ont lieu : il ne peut pas être retiré.');
      expect(sql('SELECT COUNT(*) FROM venues WHERE id = ?', id)[0][0]).toBe(1);
    } finally {
      sql('UPDATE venues SET name = ? WHERE id = ?', name, id);
    }
  });
});
