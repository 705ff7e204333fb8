import { expect, Page, test } from '@playwright/test';
import { loginHome, sql, watchErrors } from './helpers';

watchErrors();

// The coordinator fills the dossier in at a desk or on a tablet; the
// funder reads it. Phones open it too (no sideways scroll), with or without
// JavaScript.

/** The demo structure's school year label. */
function yearLabel(): string {
  const [[label]] = sql(
    `SELECT y.label FROM school_years y JOIN users u ON u.organisation_id = y.organisation_id
     WHERE u.email = 'coordination@demo.test' ORDER BY y.first_day LIMIT 1`);
  return label;
}

/** Submits a form of the dossier and waits for the page to show the saved
 * values: with JavaScript the form says so; without, the browser posts it
 * and comes back to the page. */
async function save(page: Page, button: string, saidWithJs: string, js: boolean) {
  if (js) {
    await page.getByRole('button', { name: button }).click();
    await expect(page.getByText(saidWithJs)).toBeVisible();
  } else {
    await Promise.all([page.waitForURL(/\/dossier/), page.getByRole('button', { name: button }).click()]);
  }
  await page.reload();
  // A person reads the page before typing again: it is alive by then.
  if (js) await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
}

test.describe('the CAF dossier', () => {
  test('the facts and the budget are entered, kept, and the dossier downloads', async ({ page }, info) => {
    const js = !info.project.name.endsWith('-nojs');
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/dossier');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier CAF');
    if (js) await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
    // The four axes, each with its count.
    await expect(page.locator('[data-axis]')).toHaveCount(4);
    const held = sql(`SELECT COUNT(*) FROM sessions s JOIN groups g ON g.id = s.group_id
                      JOIN school_years y ON y.id = g.school_year_id WHERE y.label = ? AND s.status = 'held'`, yearLabel())[0][0];
    await expect(page.locator('[data-axis="enfants"]')).toHaveAttribute('data-count', String(held));

    // The project's facts.
    const neighbourhood = `L'Abreuvoir ${info.project.name}`;
    await page.getByLabel('Commune', { exact: true }).fill('Bobigny');
    await page.getByLabel('Quartier', { exact: true }).fill(neighbourhood);
    await page.getByLabel('Milieu').selectOption('urbain');
    await page.getByLabel('Quartier prioritaire (QPV)').selectOption('oui');
    await page.getByLabel("L'action fait partie d'un PEL ou d'un PEDT").selectOption('pedt');
    await page.getByLabel('Type de locaux').selectOption('centre_social');
    await page.getByLabel("Valeur d'une heure de bénévolat (€)").fill('12,50');
    await save(page, 'Enregistrer le projet', 'Le projet est enregistré.', js);
    await expect(page.getByLabel('Quartier', { exact: true })).toHaveValue(neighbourhood);
    await expect(page.getByLabel('Type de locaux')).toHaveValue('centre_social');
    await expect(page.locator('[data-in-kind]')).toContainText('12,50');

    // A bad amount is named before anything is sent.
    if (js) {
      await page.getByLabel('Transport, prévu').fill('12,345');
      await page.getByRole('button', { name: 'Enregistrer le budget' }).click();
      await expect(page.locator('.form-error')).toContainText("Transport (prévu) : n'est pas un montant en euros");
      await page.getByLabel('Transport, prévu').fill('');
    }
    // The budget, to the cent; one cent over the cap is found.
    const groups = Number(sql(`SELECT COUNT(*) FROM groups g JOIN school_years y ON y.id = g.school_year_id
                                WHERE y.label = ? AND y.organisation_id =
                                  (SELECT organisation_id FROM users WHERE email = 'coordination@demo.test')`, yearLabel())[0][0]);
    const cap = 2563 * groups;
    await page.getByLabel('Personnel, prévu').fill('12 345,67');
    await page.getByLabel('Personnel, réalisé').fill('12 000');
    await page.getByLabel('CAF (prestation de service CLAS), prévu').fill(`${cap},01`);
    await page.getByLabel('Commune, prévu').fill('1 000');
    await save(page, 'Enregistrer le budget', 'Le budget est enregistré.', js);
    await expect(page.getByLabel('Personnel, prévu')).toHaveValue('12345,67');
    await expect(page.locator('[data-total="charges"] td').first()).toHaveText(/^12\s345,67\s€$/);
    await expect(page.locator('[data-finding-code="CAF_SHARE_OVER_CAP"]')).toBeVisible();
    await page.getByLabel('CAF (prestation de service CLAS), prévu').fill(`${cap}`);
    await save(page, 'Enregistrer le budget', 'Le budget est enregistré.', js);
    await expect(page.locator('[data-finding-code="CAF_SHARE_OVER_CAP"]')).toHaveCount(0);

    // The dossier as a PDF (the link, as a person clicks it) and a workbook.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger le dossier (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('dossier-caf.pdf');
    const pdf = await page.request.get(`/api/reports/dossier-pdf?year=${yearLabel()}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await page.request.get(`/api/reports/dossier-xlsx?year=${yearLabel()}`);
    expect(xlsx.headers()['content-disposition']).toContain('dossier-caf.xlsx');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
  });

  test('the funder reads the dossier of a structure of the territory, figures only', async ({ page }) => {
    await loginHome(page, 'caf@demo.test');
    await page.locator('tr[data-organisation] a').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bilan');
    await page.getByRole('link', { name: 'Dossier CAF' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dossier CAF');
    await expect(page.locator('[data-axis]')).toHaveCount(4);
    await expect(page.getByRole('button', { name: 'Enregistrer le budget' })).toHaveCount(0);
    const names = sql('SELECT first_name, last_name FROM children').flat() as string[];
    const words = new Set((await page.locator('body').innerText()).split(/[^\p{L}\p{N}'-]+/u));
    for (const n of names) expect(words.has(n), `${n} shown to the funder`).toBe(false);
    const href = await page.getByRole('link', { name: 'Télécharger le dossier (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('the dossier fits a 360 px phone without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/dossier');
    await expect(page.locator('[data-axis]')).toHaveCount(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
