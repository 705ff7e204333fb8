// Screenshots of « Importer des enfants » (issue 22) for a person to look
// at: the page, then the preview of a file with a refused line; on a phone
// and a tablet. Nothing is written (the file is only checked).
//   node scripts/screens-import.mjs [base-url] [out-dir]
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'screens';
const devices = {
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
};
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const file = Buffer.from([
  "Prénom;Nom;Date de naissance;Sexe;Classe;Groupe;Orienté par;Date d'orientation;Responsable 1 prénom;Responsable 1 nom;Responsable 1 téléphone;Accord donné par;Date de l'accord;Forme de l'accord",
  'Élise;Aubert;02/04/2014;F;6e;6e-5e;enseignant;15/09/2026;Claire;Aubert;06 10 20 30 40;1;20/09/2026;papier',
  'Noé;Brun;11/12/2013;M;5e;6e-5e;famille;16/09/2026;Paul;Brun;;;;',
  'Max;Caron;31/02/2014;X;6e;Les Étoiles;enseignant;15/09/2026;;Caron;06 12;1;20/09/2026;papier',
].join('\r\n'));

for (const [name, device] of Object.entries(devices)) {
  const page = await (await browser.newContext(device)).newPage();
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('coordination@demo.test');
  await page.getByLabel('Mot de passe').fill('passerelle-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForSelector('h1:not(:text("Connexion"))');
  await page.goto(`${base}/importer`);
  await page.waitForFunction(() => window.__passerelle_hydrated === true);
  await page.screenshot({ path: `${out}/${name}-import.png`, fullPage: true });
  await page.getByLabel('Fichier CSV, XLSX ou ODS')
    .setInputFiles({ name: 'enfants.csv', mimeType: 'text/csv', buffer: file });
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await page.locator('table.import-preview').waitFor();
  await page.screenshot({ path: `${out}/${name}-import-preview.png`, fullPage: true });
}
await browser.close();
