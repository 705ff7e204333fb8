// Screenshots of the mail screens (issue 21) for a person to look at:
//   node scripts/screens-mail.mjs [base-url] [out-dir]
// « Mot de passe oublié », a parent's « Mon compte » (its « Courriels »),
// the coordinator's invitations after one was sent, the admin's outbox; on a
// phone and a tablet.
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

async function login(page, email) {
  await page.context().clearCookies();
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('passerelle-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForSelector('h1:not(:text("Connexion"))');
  await page.waitForLoadState('networkidle');
}

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
