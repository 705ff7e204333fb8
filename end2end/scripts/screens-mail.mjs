// Screenshots of the mail screens (issue 21) for a person to look at:
//   node scripts/screens-mail.mjs [base-url] [out-dir]
// « Mot de passe oublié », a parent's « Mon compte » (its « Courriels »),
// the coordinator's invitations after one was sent, the admin's outbox; on a
// phone and a tablet.
import { base, devices, launch, login, out } from './screens-common.mjs';

const browser = await launch();

async function shot(page, path, file) {
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/${file}.png`, fullPage: true });
}

for (const [name, device] of Object.entries(devices)) {
  const page = await (await browser.newContext(device)).newPage();
  await shot(page, '/mot-de-passe-oublie', `${name}-forgot`);
  await page.getByLabel('Adresse e-mail').fill('parent@demo.test');
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await page.getByRole('status').waitFor();
  await page.screenshot({ path: `${out}/${name}-forgot-sent.png`, fullPage: true });
  await login(page, 'parent@demo.test');
  await shot(page, '/compte', `${name}-account`);
  await login(page, 'coordination@demo.test');
  await shot(page, '/invitations', `${name}-invitations`);
  await page.getByRole('button', { name: /^Inviter / }).first().click();
  await page.locator('.invitation-link').waitFor();
  await page.screenshot({ path: `${out}/${name}-invitation-sent.png`, fullPage: true });
  await login(page, 'admin@demo.test');
  await shot(page, '/administration/courriels', `${name}-outbox`);
}
await browser.close();
