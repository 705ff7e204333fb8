// Screenshots of the messages to families and « Mes coordonnées » (issue
// 22) for a person to look at, on a phone and a tablet: the coordinator's
// « Messages » page, a message as its family reads it and as the
// coordinator sees who read it, the parent's home and « Mes coordonnées »
// with a pick-up adult waiting. Writes a message and a proposal to the demo
// server it is pointed at.
//   node scripts/screens-families.mjs [base-url] [out-dir]
import { base, devices, launch, login, out } from './screens-common.mjs';

const browser = await launch();

for (const [name, device] of Object.entries(devices)) {
  const page = await (await browser.newContext(device)).newPage();
  const subject = `Sortie à la médiathèque (${name})`;
  await login(page, 'coordination@demo.test');
  await page.goto(`${base}/messages`);
  await page.waitForFunction(() => window.__passerelle_hydrated === true);
  await page.getByLabel('À', { exact: true }).selectOption({ label: 'Benali Inès' });
  await page.getByLabel('Objet', { exact: true }).fill(subject);
  await page.getByLabel('Message', { exact: true })
    .fill('Bonjour,\nMardi, nous irons à la médiathèque avec le groupe. Prévoyez un goûter.\n\nL\'équipe');
  await page.getByLabel('Oui ou non').check();
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.locator('.message-card', { hasText: subject }).waitFor();
  await page.screenshot({ path: `${out}/${name}-messages.png`, fullPage: true });

  await login(page, 'parent@demo.test');
  await page.screenshot({ path: `${out}/${name}-parent-home.png`, fullPage: true });
  const link = page.locator('.family-messages .message-card').first().getByRole('link');
  if (await link.count()) {
    await link.click();
    await page.locator('.message-body').waitFor();
    await page.screenshot({ path: `${out}/${name}-message.png`, fullPage: true });
  }
  await page.goto(`${base}/mes-coordonnees`);
  await page.locator('section.pickup').first().locator('summary').click();
  await page.screenshot({ path: `${out}/${name}-details.png`, fullPage: true });

  await login(page, 'coordination@demo.test');
  await page.goto(`${base}/messages`);
  await page.locator('.message-card', { hasText: subject }).getByRole('link').click();
  await page.locator('.receipts').waitFor();
  await page.screenshot({ path: `${out}/${name}-receipts.png`, fullPage: true });
}
await browser.close();
