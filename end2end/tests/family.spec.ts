import { expect, test } from '@playwright/test';
import { login, loginHome, sql, watchErrors } from './helpers';

watchErrors();

// The family portal on a phone, with and without JavaScript (plain forms).
test.beforeEach(async ({}, info) => {
  test.skip(!info.project.name.startsWith('phone'), 'the family portal: a phone');
});

test('a parent sees the history as stored, reports an absence, and the register shows it', async ({ page }) => {
  await loginHome(page, 'parent@demo.test');
  const [[child]] = sql("SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'");
  await page.goto(`/enfants/${child}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inès Benali');

  // The history, entry by entry, is what the database holds.
  const stored = sql(
    `SELECT a.session_id, a.status FROM attendance a JOIN sessions s ON s.id = a.session_id
     WHERE a.child_id = ? ORDER BY s.on_date DESC, s.starts_at DESC`, child);
  expect(stored.length).toBeGreaterThan(0);
  const shown = await page.locator('.history-item').evaluateAll((items) =>
    items.map((i) => [i.getAttribute('data-session-id'), i.getAttribute('data-status')]));
  expect(shown).toEqual(stored);
  // The year's rate counts the same sessions as the database.
  const now = new Date();
  const since = `${now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1}-09-01`;
  const [[came, marked]] = sql(
    `SELECT SUM(a.status IN ('present', 'late')), COUNT(*) FROM attendance a
     JOIN sessions s ON s.id = a.session_id WHERE a.child_id = ? AND s.on_date >= ?`, child, since);
  await expect(page.locator('[data-rate="year"]')).toContainText(`(${came} sur ${marked})`);
  await expect(page.locator('.chart svg')).toHaveAttribute('aria-label', /^Présence par mois/);

  // Report an absence for the first coming session that has none.
  const card = page.locator('.session-card').filter({ has: page.locator('.absence-form') }).first();
  const session = (await card.getAttribute('data-session-id'))!;
  await card.locator('summary').click();
  await card.getByLabel(/Pourquoi/).fill('Rendez-vous médical.');
  await card.getByRole('button', { name: 'Envoyer' }).click();
  const reported = page.locator(`.session-card[data-session-id="${session}"] .absence-reported`);
  await expect(reported).toHaveText('Absence signalée : Rendez-vous médical.');
  expect(sql('SELECT reason FROM absence_notices WHERE session_id = ? AND child_id = ?', session, child))
    .toEqual([['Rendez-vous médical.']]);

  // The accompanist's register for that session shows her excused already.
  await login(page, 'accompagnateur@demo.test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Aujourd'hui");
  await page.goto(`/appel/${session}`);
  await expect(page.locator(`.register-row[data-child-id="${child}"]`)).toHaveAttribute('data-status', 'excused');
});

test("a parent cannot open another family's child by changing the address", async ({ page }) => {
  await loginHome(page, 'parent@demo.test');
  const [[other]] = sql(
    `SELECT c.id FROM children c WHERE c.id NOT IN (SELECT cg.child_id FROM child_guardians cg
       JOIN guardians g ON g.id = cg.guardian_id JOIN users u ON u.id = g.user_id
       WHERE u.email = 'parent@demo.test') ORDER BY c.id LIMIT 1`);
  const [[name]] = sql('SELECT first_name FROM children WHERE id = ?', other);
  const answer = await page.goto(`/enfants/${other}`);
  expect(answer!.status()).toBe(403);
  await expect(page.getByText("Vous n'avez pas accès à cette page.")).toBeVisible();
  await expect(page.locator('body')).not.toContainText(name);
});

test('the app files are served precompressed (brotli, else gzip)', async ({ request }) => {
  for (const file of ['/pkg/passerelle.wasm', '/pkg/passerelle.js', '/pkg/passerelle.css']) {
    for (const encoding of ['br', 'gzip']) {
      const answer = await request.get(file, { headers: { 'accept-encoding': encoding } });
      expect(answer.status(), file).toBe(200);
      expect(answer.headers()['content-encoding'], `${file} asked in ${encoding}`).toBe(encoding);
    }
  }
});
