// Screenshots of « Dossier CAF » (issue 23) for a person to look at, on a
// phone and a tablet: the coordinator's page with the facts and a budget
// entered, the planning with a CAF date near, the funder's reading, and the
// PDF saved beside them (`dossier.pdf`, to turn into images with pdftoppm).
// Writes the facts and the budget on the demo server it is pointed at.
//   node scripts/screens-dossier.mjs [base-url] [out-dir]
import { writeFileSync } from 'node:fs';
import { base, devices, launch, login, out } from './screens-common.mjs';

const browser = await launch();
const soon = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);

for (const [name, device] of Object.entries(devices)) {
  const page = await (await browser.newContext(device)).newPage();
  await login(page, 'coordination@demo.test');
  await page.goto(`${base}/dossier`);
  await page.waitForFunction(() => window.__passerelle_hydrated === true);
  await page.getByLabel('Commune', { exact: true }).fill('Bobigny');
  await page.getByLabel('Milieu').selectOption('urbain');
  await page.getByLabel('Remise du bilan').fill(soon);
  await page.getByLabel("Valeur d'une heure de bénévolat (€)").fill('12,50');
  await page.getByRole('button', { name: 'Enregistrer le projet' }).click();
  await page.getByText('Le projet est enregistré.').waitFor();
  await page.getByLabel('Personnel, prévu').fill('14 250');
  await page.getByLabel('Locaux, prévu').fill('1 800');
  await page.getByLabel('CAF (prestation de service CLAS), prévu').fill('8 000');
  await page.getByLabel('Commune, prévu').fill('6 500');
  await page.getByLabel('Participation des familles, prévu').fill('350,50');
  await page.getByRole('button', { name: 'Enregistrer le budget' }).click();
  await page.getByText('Le budget est enregistré.').waitFor();
  await page.screenshot({ path: `${out}/${name}-dossier.png`, fullPage: true });
  await page.goto(`${base}/planning`);
  await page.locator('.dossier-reminders').waitFor();
  await page.screenshot({ path: `${out}/${name}-planning-reminder.png` });
  if (name === 'tablet') {
    const pdf = await page.request.get(`${base}/api/reports/dossier-pdf`);
    writeFileSync(`${out}/dossier.pdf`, await pdf.body());
  }
  await login(page, 'caf@demo.test');
  await page.locator('tr[data-organisation] a').first().click();
  await page.getByRole('link', { name: 'Dossier CAF' }).click();
  await page.locator('[data-axis]').first().waitFor();
  await page.screenshot({ path: `${out}/${name}-dossier-funder.png`, fullPage: true });
}
await browser.close();
