import { expect, Page, test } from '@playwright/test';
import { alive, loginHome, PASSWORD, sql, watchErrors } from './helpers';

// The families' third language (issue 22): Inès's mother reads Passerelle
// in Arabic, right to left, on her phone and on a computer: the sign-in,
// her home (messages, events, calendar), Inès's page (attendance, absence
// notice, contract), a message and its answer. The page never scrolls
// sideways at 360 px, the dates are written in Arabic, and the language
// comes back on a device that never chose it. With and without JavaScript.

watchErrors();

function cleanUp() {
  sql("UPDATE users SET locale = 'fr' WHERE email = 'parent@demo.test'");
  sql("DELETE FROM absence_notices WHERE reason LIKE 'E2E %'");
  sql(`UPDATE family_message_recipients SET read_at = NULL, reply = NULL, replied_at = NULL
       WHERE message_id IN (SELECT id FROM family_messages WHERE subject = 'Sortie à la médiathèque mardi')`);
}

/** The page has no horizontal scroll at its width. */
async function fitsWidth(page: Page, path: string) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll, `${path} scrolls sideways`).toBeLessThanOrEqual(width);
}

test.describe('a guardian reads Passerelle in Arabic', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('tablet'), 'a desktop and a phone');
    cleanUp();
  });
  test.afterEach(cleanUp);

  test('the sign-in, the home, a child page, an absence and a message, right to left', async ({ page }, info) => {
    if (info.project.name.startsWith('phone')) await page.setViewportSize({ width: 360, height: 780 });
    await page.context().clearCookies();
    await page.goto('/connexion');
    await alive(page);
    await page.getByRole('link', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('تسجيل الدخول');
    await fitsWidth(page, '/connexion');
    await alive(page);
    await page.getByLabel('عنوان البريد الإلكتروني').fill('parent@demo.test');
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();

    // The home: the title, the message (in the families' words as
    // written), the next session with its date in Arabic.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('أطفالي');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { name: 'الرسائل' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'مواعيد للعائلات' })).toBeVisible();
    const next = page.locator('.child-card', { hasText: 'Inès' });
    await expect(next).toContainText('الحصة القادمة');
    await expect(next).toContainText(/(الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد) \d+ /);
    await expect(next).toContainText(/من \d\d:\d\d إلى \d\d:\d\d/);
    await page.waitForLoadState('networkidle');
    await fitsWidth(page, '/mes-enfants');
    // Mirrored: the cards' text starts on the right.
    const card = await next.boundingBox();
    const title = await next.locator('h2').boundingBox();
    expect(card && title && Math.abs(card.x + card.width - (title.x + title.width)) < 40).toBeTruthy();

    // A message: opened, read, answered « تمّ الاستلام ».
    await page.getByRole('link', { name: 'Sortie à la médiathèque mardi' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sortie à la médiathèque mardi');
    await expect(page.getByText('بخصوص')).toBeVisible();
    await fitsWidth(page, '/messages');
    await alive(page);
    await page.getByRole('button', { name: 'تمّ الاستلام' }).click();
    await expect(page.getByText('أجبتم: تمّ الاستلام.')).toBeVisible();
    await page.getByRole('link', { name: 'رجوع' }).click();

    // Inès's page: attendance, contract, and an absence reported.
    await page.getByRole('link', { name: 'Inès Benali' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'الحضور' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /عقد المرافقة/ })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await fitsWidth(page, '/enfants');
    await alive(page);
    const session = page.locator('li.session-card').filter({ has: page.locator('details.absence-form') }).first();
    await session.getByText('الإبلاغ عن غياب').click();
    await session.getByLabel('لماذا؟ (سيقرؤه الفريق)').fill(`E2E ${info.project.name} موعد طبي`);
    await session.getByRole('button', { name: 'إرسال' }).click();
    await expect(page.locator('.absence-reported').first()).toContainText('تمّ الإبلاغ عن غياب');
  });

  test('the language comes back on another device, and French too', async ({ page }) => {
    sql("UPDATE users SET locale = 'ar' WHERE email = 'parent@demo.test'");
    // A device that never chose a language: the sign-in page is French,
    // the account brings Arabic back.
    await page.context().clearCookies();
    await page.goto('/connexion');
    await alive(page);
    await page.getByLabel('Adresse e-mail').fill('parent@demo.test');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('أطفالي');
    await page.waitForLoadState('networkidle');
    // Back to French from the switch, remembered by the account.
    await page.getByRole('link', { name: 'Français' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes enfants');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    expect(sql("SELECT locale FROM users WHERE email = 'parent@demo.test'")[0][0]).toBe('fr');
    await loginHome(page, 'parent@demo.test');
  });
});
