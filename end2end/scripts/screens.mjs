// Takes screenshots of the main screens for a person to look at:
//   node scripts/screens.mjs [base-url] [out-dir]
// Logs in as each demo account, on a phone, a tablet and a desktop.
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'screens';
const devices = {
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
  desktop: { viewport: { width: 1366, height: 900 } },
};
const accounts = ['coordination', 'accompagnateur', 'parent', 'caf', 'admin'];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [name, device] of Object.entries(devices)) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  await page.goto(`${base}/connexion`);
  await page.screenshot({ path: `${out}/${name}-login.png`, fullPage: true });
  for (const who of accounts) {
    await context.clearCookies();
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(`${who}@demo.test`);
    await page.getByLabel('Mot de passe').fill('passerelle-demo');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForSelector('h1:not(:text("Connexion"))');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${out}/${name}-${who}.png`, fullPage: true });
    if (who === 'accompagnateur') {
      // The register of today's session.
      await page.getByRole('link', { name: "Faire l'appel" }).first().click();
      await page.waitForSelector('.register-row');
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-register.png`, fullPage: true });
    }
    if (who === 'coordination') {
      // The records: the children with the enrolment form open, the school year.
      await page.goto(`${base}/inscriptions`);
      await page.waitForLoadState('networkidle');
      await page.getByText('Inscrire un enfant').click();
      await page.screenshot({ path: `${out}/${name}-children.png`, fullPage: true });
      await page.goto(`${base}/annee-scolaire`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-school-year.png`, fullPage: true });
      // A child's record (the first of the list), the contracts to print,
      // the family's data, the meetings log, the structure's settings.
      await page.goto(`${base}/inscriptions`);
      const record = await page.locator('table.children a').first().getAttribute('href');
      for (const [shot, path] of [['record', record], ['contracts', '/contrats'],
        ['family-data', `/donnees-famille/${record.split('/').pop()}`], ['logs', '/suivi'], ['structure', '/structure']]) {
        await page.goto(`${base}${path}`);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: `${out}/${name}-${shot}.png`, fullPage: true });
      }
      await page.emulateMedia({ media: 'print' });
      await page.goto(`${base}/contrats`);
      await page.screenshot({ path: `${out}/${name}-contracts-print.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      // The report, a figure's children, the attendance sheets.
      await page.goto(`${base}/bilan`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-report.png`, fullPage: true });
      await page.goto(`${base}/bilan/enfants?filtre=qpv`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-report-children.png`, fullPage: true });
      await page.goto(`${base}/emargement`);
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-sheets.png`, fullPage: true });
      await page.getByRole('button', { name: 'Afficher la feuille' }).click();
      await page.waitForSelector('.attendance-sheet');
      await page.screenshot({ path: `${out}/${name}-sheet.png`, fullPage: true });
      if (name === 'desktop') {
        // On paper: the month's sheet (landscape) and the report.
        await page.emulateMedia({ media: 'print' });
        await page.pdf({ path: `${out}/emargement.pdf`, preferCSSPageSize: true });
        await page.goto(`${base}/bilan`);
        await page.waitForLoadState('networkidle');
        await page.pdf({ path: `${out}/bilan.pdf`, format: 'A4', preferCSSPageSize: true });
        await page.emulateMedia({ media: 'screen' });
      }
    }
    if (who === 'caf') {
      await page.locator('tr[data-organisation] a').first().click();
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: `${out}/${name}-caf-structure.png`, fullPage: true });
    }
  }
  await context.close();
}
await browser.close();
