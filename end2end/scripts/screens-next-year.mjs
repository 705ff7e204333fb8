// Screenshots of « Préparer l'année suivante » (issue 22) for a person to
// look at, on a phone and a tablet: the page before the next year exists,
// then with it prepared and the children's form. Prepares the next year on
// the demo server it is pointed at (once: the second device finds it done).
//   node scripts/screens-next-year.mjs [base-url] [out-dir]
import { base, devices, launch, login, out } from './screens-common.mjs';

const browser = await launch();

for (const [name, device] of Object.entries(devices)) {
  const page = await (await browser.newContext(device)).newPage();
  await login(page, 'coordination@demo.test');
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
