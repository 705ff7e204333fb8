// Screenshots of « Préparer l'année suivante » (issue 22) for a person to
// look at, on a phone and a tablet: the page before the next year exists,
// then with it prepared and the children's form. Prepares the next year on
// the demo server it is pointed at (once: the second device finds it done).
//   node scripts/screens-next-year.mjs [base-url] [out-dir]
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

for (const [name, device] of Object.entries(devices)) {
  const page = await (await browser.newContext(device)).newPage();
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse e-mail').fill('coordination@demo.test');
  await page.getByLabel('Mot de passe').fill('passerelle-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForSelector('h1:not(:text("Connexion"))');
  await page.goto(`${base}/annee-suivante`);
  await page.waitForFunction(() => window.__passerelle_hydrated === true);
  const prepare = page.getByRole('button', { name: 'Préparer l\'année suivante' });
  if (await prepare.count()) {
    await page.screenshot({ path: `${out}/${name}-next-year.png`, fullPage: true });
    await prepare.click();
    await page.locator('section.next-year').waitFor();
  }
  await page.screenshot({ path: `${out}/${name}-next-year-carry.png`, fullPage: true });
}
await browser.close();
