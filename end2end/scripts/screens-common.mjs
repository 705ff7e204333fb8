// What the screenshot scripts share: the arguments (base URL, output
// folder), the devices, Debian's Chromium, and signing in as a person does.
import { chromium } from '@playwright/test';

export const base = process.argv[2] ?? 'http://127.0.0.1:3000';
export const out = process.argv[3] ?? 'screens';

export const devices = {
  phone: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  tablet: { viewport: { width: 1024, height: 768 }, hasTouch: true },
};

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Signs `email` in through the French form and waits for their home. */
export async function login(page, email) {
  await page.context().clearCookies();
  await page.goto(`${base}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('passerelle-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForSelector('h1:not(:text("Connexion"))');
  await page.waitForLoadState('networkidle');
}
