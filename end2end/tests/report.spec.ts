import { expect, Page, test } from '@playwright/test';
import { loginHome, sql, watchErrors } from './helpers';

watchErrors();

/** The demo structure, its school year and today, as the server sees them. */
function demo(): { org: string; year: string; label: string } {
  const [[org, year, label]] = sql(
    `SELECT y.organisation_id, y.id, y.label FROM school_years y JOIN users u ON u.organisation_id = y.organisation_id
     WHERE u.email = 'coordination@demo.test'`);
  return { org, year, label };
}

/** The figures of the report, counted here from the database. */
function expectedFigures() {
  const { year } = demo();
  const reached = new Set<string>([
    ...sql(`SELECT m.child_id FROM group_members m JOIN groups g ON g.id = m.group_id WHERE g.school_year_id = ?`, year),
    ...sql(`SELECT a.child_id FROM attendance a JOIN sessions s ON s.id = a.session_id
            JOIN groups g ON g.id = s.group_id WHERE g.school_year_id = ?`, year),
  ].map((r) => r[0]));
  const qpv = sql('SELECT id FROM children WHERE priority_area = 1').filter((r) => reached.has(r[0])).length;
  const held = sql(`SELECT s.starts_at, s.ends_at FROM sessions s JOIN groups g ON g.id = s.group_id
                    WHERE g.school_year_id = ? AND s.status = 'held'`, year);
  const minutes = held.reduce((sum, [a, b]) => {
    const t = (x: string) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3, 5));
    return sum + t(b) - t(a);
  }, 0);
  const marks = sql(`SELECT a.status FROM attendance a JOIN sessions s ON s.id = a.session_id
                     JOIN groups g ON g.id = s.group_id WHERE g.school_year_id = ? AND s.status = 'held'`, year);
  const came = marks.filter(([s]) => s === 'present' || s === 'late').length;
  return {
    children: reached.size,
    qpv,
    sessions: held.length,
    hours: `${(minutes / 60).toFixed(1).replace('.', ',')} h`,
    rate: `${Math.round((came * 100) / marks.length)} %`,
  };
}

/** The value shown for a figure of the report. */
function figure(page: Page, label: string) {
  return page.locator(`tr[data-figure="${label}"] td`);
}

test.describe("the coordinator's report", () => {
  test('matches the figures counted in the database, and each opens the children behind it', async ({ page }) => {
    const want = expectedFigures();
    await loginHome(page, 'coordination@demo.test');
    await page.getByRole('link', { name: 'Bilan' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bilan');
    await expect(figure(page, 'Enfants accompagnés')).toHaveText(String(want.children));
    await expect(figure(page, 'Habitant un quartier prioritaire (QPV)')).toHaveText(String(want.qpv));
    await expect(figure(page, 'Séances tenues')).toHaveText(String(want.sessions));
    await expect(figure(page, "Heures d'accompagnement")).toHaveText(want.hours);
    await expect(figure(page, 'Taux de présence')).toHaveText(want.rate);
    // The charts are drawn on the page.
    await expect(page.getByRole('img', { name: /Présence par semaine/ })).toBeVisible();
    expect(await page.locator('.chart-week').count()).toBeGreaterThan(4);

    await figure(page, 'Habitant un quartier prioritaire (QPV)').getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enfants comptés dans le bilan');
    await expect(page.locator('tbody tr')).toHaveCount(want.qpv);
    // A name opens the child's record.
    await page.locator('tbody tr a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/./);
    await expect(page).toHaveURL(/\/inscriptions\//);
  });

  test('prints its figures and charts without the tools around them', async ({ page }, info) => {
    test.skip(info.project.name.startsWith('phone'), 'printed from a desk or a tablet');
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/bilan');
    await page.waitForLoadState('networkidle');
    if (info.project.name.endsWith('-js')) {
      await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
      // « Imprimer » opens the browser's print dialogue.
      await page.evaluate(() => { (window as any).printed = 0; window.print = () => { (window as any).printed += 1; }; });
      await page.getByRole('button', { name: 'Imprimer' }).click();
      expect(await page.evaluate(() => (window as any).printed)).toBe(1);
    }
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.topbar')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Imprimer' })).toBeHidden();
    await expect(page.getByRole('link', { name: 'Télécharger le tableur (CSV)' })).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bilan');
    await expect(figure(page, 'Séances tenues')).toBeVisible();
    await expect(page.getByRole('img', { name: /Présence par semaine/ })).toBeVisible();
    if (info.project.name === 'desktop-js') {
      await page.pdf({ path: info.outputPath('bilan.pdf'), format: 'A4', preferCSSPageSize: true });
    }
  });

  test('downloads as a French spreadsheet with the same figures', async ({ page }) => {
    const want = expectedFigures();
    await loginHome(page, 'coordination@demo.test');
    const answer = await page.request.get(`/api/reports/csv?year=${demo().label}`);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers()['content-disposition']).toContain('bilan.csv');
    const text = await answer.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n').map((l) => l.split(';'));
    expect(lines[0]).toEqual(['Rubrique', 'Indicateur', 'Valeur', 'Unité']);
    const value = (label: string) => lines.find((l) => l[1] === label)?.[2];
    expect(value('Enfants accompagnés')).toBe(String(want.children));
    expect(value('Séances tenues')).toBe(String(want.sessions));
    expect(`${value('Taux de présence')} %`).toBe(want.rate);
  });
});

test.describe("the funder's report", () => {
  test('shows every structure of the territory and no child name', async ({ page }) => {
    await loginHome(page, 'caf@demo.test');
    await expect(page.locator('tr[data-organisation]')).toHaveCount(2);
    const names = sql('SELECT first_name, last_name FROM children').flat() as string[];
    const words = (text: string) => new Set(text.split(/[^\p{L}\p{N}'-]+/u));
    let seen = words(await page.locator('body').innerText());
    for (const n of names) expect(seen.has(n), `${n} shown to the funder`).toBe(false);
    await page.locator('tr[data-organisation] a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bilan');
    await expect(figure(page, 'Enfants accompagnés')).toHaveText(/^\d+$/);
    // Figures only: no link to the children behind them.
    await expect(figure(page, 'Enfants accompagnés').getByRole('link')).toHaveCount(0);
    seen = words(await page.locator('body').innerText());
    for (const n of names) expect(seen.has(n), `${n} shown to the funder`).toBe(false);
  });
});

test.describe('attendance sheets', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('phone'), 'printed from a desk or a tablet');
  });

  test("a group's month prints with a line for each child", async ({ page }, info) => {
    const [[group, name, day]] = sql(
      `SELECT g.id, g.name, MAX(s.on_date) FROM groups g JOIN sessions s ON s.group_id = g.id
       WHERE s.status = 'held' GROUP BY g.id, g.name ORDER BY g.name LIMIT 1`);
    const month = String(day).slice(0, 7);
    const members = sql('SELECT COUNT(*) FROM group_members WHERE group_id = ?', group)[0][0];
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/emargement');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Feuilles d'émargement");
    // Why: the form is used once the page is live, as a person would.
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Groupe').selectOption(group);
    await page.getByLabel('Mois').selectOption(month);
    await page.getByRole('button', { name: 'Afficher la feuille' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    expect(await page.locator('.sheet-table tbody tr').count()).toBeGreaterThanOrEqual(members);
    await expect(page.locator('.sheet-table tbody td.sheet-cell', { hasText: 'P' }).first()).toBeVisible();
    if (info.project.name === 'desktop-js') {
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: info.outputPath('emargement.pdf'), format: 'A4', preferCSSPageSize: true });
    }
  });
});
