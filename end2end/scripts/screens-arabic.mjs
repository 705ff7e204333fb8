// Screenshots of the families' pages in Arabic (issue 22), right to left,
// for a person to look at, on a phone at 360 px and a tablet: the sign-in,
// the home, a child's page with the absence form open, a message and
// « Mes coordonnées ». Sets the demo parent's account to Arabic, then back
// to French.
//   node scripts/screens-arabic.mjs [base-url] [out-dir]
import { base, devices, launch, login, out } from './screens-common.mjs';

const browser = await launch();
const sizes = { ...devices, phone: { ...devices.phone, viewport: { width: 360, height: 780 } } };

for (const [name, device] of Object.entries(sizes)) {
  const page = await (await browser.newContext(device)).newPage();
  await page.context().clearCookies();
  await page.goto(`${base}/langue/ar?retour=/connexion`);
  await page.screenshot({ path: `${out}/${name}-ar-login.png`, fullPage: true });
  await page.getByLabel('عنوان البريد الإلكتروني').fill('parent@demo.test');
  await page.getByLabel('كلمة المرور').fill('passerelle-demo');
  await page.getByRole('button', { name: 'دخول' }).click();
  await page.waitForSelector('h1:text("أطفالي")');
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/${name}-ar-home.png`, fullPage: true });
  await page.locator('.family-messages .message-card a').first().click();
  await page.locator('.message-body').waitFor();
  await page.screenshot({ path: `${out}/${name}-ar-message.png`, fullPage: true });
  await page.goto(`${base}/mes-enfants`);
  await page.locator('.child-card a').first().click();
  await page.locator('.rates').waitFor();
  const form = page.locator('details.absence-form').first();
  if (await form.count()) await form.locator('summary').click();
  await page.screenshot({ path: `${out}/${name}-ar-child.png`, fullPage: true });
  await page.goto(`${base}/mes-coordonnees`);
  await page.screenshot({ path: `${out}/${name}-ar-details.png`, fullPage: true });
  // The account back to French for whoever signs in next.
  await page.goto(`${base}/langue/fr?retour=/mes-enfants`);
  await login(page, 'parent@demo.test');
}
await browser.close();
