// Screenshots of issue 24's screens: « Affichage » and « Accessibilité » on
// a phone and a tablet, and pages read with the display settings on (text
// at 200 % on a 360 px phone, high contrast, the dyslexia-friendly font).
// Usage: node scripts/screens-accessibility.mjs [base] [folder]
import { base, devices, launch, login, out } from './screens-common.mjs';
import { mkdirSync } from 'node:fs';

mkdirSync(out, { recursive: true });
const browser = await launch();
for (const [device, settings] of Object.entries(devices)) {
  const context = await browser.newContext({ ...settings, locale: 'fr-FR' });
  const page = await context.newPage();
  for (const path of ['/affichage', '/accessibilite']) {
    await page.goto(`${base}${path}`);
    await page.screenshot({ path: `${out}/${device}${path.replace('/', '-')}.png`, fullPage: true });
  }
  await context.close();
}
const looks = [
  ['text-200', '200', { width: 360, height: 780 }, 'parent@demo.test', '/mes-enfants'],
  ['contrast-dyslexia', 'contrast.dyslexia', { width: 390, height: 844 }, 'parent@demo.test', '/mes-enfants'],
  ['register-200', '200', { width: 1024, height: 768 }, 'accompagnateur@demo.test', '/aujourdhui'],
  ['planning-contrast', 'contrast', { width: 1024, height: 768 }, 'coordination@demo.test', '/planning'],
];
for (const [name, code, viewport, email, path] of looks) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR' });
  const page = await context.newPage();
  await login(page, email);
  await context.addCookies([{ name: 'passerelle_display', value: code, url: base }]);
  await page.goto(`${base}${path}`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: false });
  await context.close();
}
await browser.close();
