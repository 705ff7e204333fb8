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

test('the app files and the pages are sent compressed (brotli, else gzip)', async ({ request }) => {
  for (const file of ['/pkg/passerelle.wasm', '/pkg/passerelle.js', '/pkg/passerelle.css', '/connexion']) {
    for (const encoding of ['br', 'gzip']) {
      const answer = await request.get(file, { headers: { 'accept-encoding': encoding } });
      expect(answer.status(), file).toBe(200);
      expect(answer.headers()['content-encoding'], `${file} asked in ${encoding}`).toBe(encoding);
    }
  }
});

test("the parent's pages load no app code; the staff's pages do", async ({ page }, info) => {
  test.skip(!info.project.name.endsWith('-js'), 'scripts: JavaScript on');
  // app.rs, `hydrates`: a family page opened as a document is the server's
  // HTML, its stylesheet and nothing else to run; its forms are plain forms.
  await loginHome(page, 'parent@demo.test');
  const [[child]] = sql("SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'");
  const [[message]] = sql("SELECT id FROM family_messages WHERE subject = 'Sortie à la médiathèque mardi'");
  const code: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(wasm|js)$/.test(path)) code.push(path);
  });
  for (const path of ['/mes-enfants', `/enfants/${child}`, '/mes-coordonnees', `/messages/${message}`]) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('heading', { level: 1 }), path).toBeVisible();
    expect(code, path).toEqual([]);
    expect(await page.locator('script[src], link[rel="modulepreload"]').count(), path).toBe(0);
  }
  // « Mon compte » is the same app as the staff's pages: it comes alive.
  await page.goto('/compte');
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true, null, { timeout: 15_000 });
  expect(code).toContain('/pkg/passerelle.wasm');
});

/** The demo parent's guardian record. */
function samira(): string {
  return sql(`SELECT g.id FROM guardians g JOIN users u ON u.id = g.user_id WHERE u.email = 'parent@demo.test'`)[0][0];
}

test('a parent answers « Je viendrai » and the coordinator sees it', async ({ page }) => {
  const guardian = samira();
  sql('DELETE FROM family_event_guests WHERE guardian_id = ?', guardian);
  const [[event]] = sql(`SELECT id FROM family_events WHERE kind = 'seance_partagee' ORDER BY on_date DESC LIMIT 1`);
  await loginHome(page, 'parent@demo.test');
  const card = page.locator(`.event-card[data-event-id="${event}"]`);
  await expect(card).toHaveAttribute('data-reply', 'none');
  await expect(card).toContainText('Séance parents-enfants');
  await card.getByRole('button', { name: 'Je viendrai' }).click();
  await expect(page.locator(`.event-card[data-event-id="${event}"]`)).toHaveAttribute('data-reply', 'coming');
  await expect(page.locator(`.event-card[data-event-id="${event}"]`)).toContainText('Vous avez répondu : je viendrai.');
  expect(sql('SELECT reply FROM family_event_guests WHERE event_id = ? AND guardian_id = ?', event, guardian))
    .toEqual([['oui']]);

  await loginHome(page, 'coordination@demo.test');
  await page.goto('/familles');
  const seen = page.locator(`.event-card[data-event-id="${event}"]`);
  await expect(seen.locator('[data-answer="oui"]').filter({ hasText: 'Samira Benali (Inès, Sami)' })).toBeVisible();
});

test('a parent reads the contract and accepts it, with who and when', async ({ page }) => {
  const [[child]] = sql("SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'");
  sql('UPDATE contracts SET accepted_by_guardian_id = NULL, accepted_at = NULL WHERE child_id = ?', child);
  await loginHome(page, 'parent@demo.test');
  await page.goto(`/enfants/${child}`);
  const contract = page.locator('.contract');
  await expect(contract.getByRole('heading', { level: 2 })).toContainText("Le contrat d'accompagnement");
  await expect(contract).toContainText("prévenir en cas d'absence");
  await contract.getByLabel("J'ai lu et j'accepte le contrat").check();
  await contract.getByRole('button', { name: 'Valider' }).click();
  await expect(page.locator('[data-contract="accepted"]')).toContainText(/^Accepté par Samira Benali le .+ à \d+ h/);
  const [[by, at]] = sql('SELECT accepted_by_guardian_id, accepted_at FROM contracts WHERE child_id = ?', child);
  expect(by).toBe(samira());
  expect(Date.now() - Date.parse(at)).toBeLessThan(120_000);
});

test('a parent makes a calendar address, which lists the sessions until deleted', async ({ page, request }) => {
  sql('DELETE FROM calendar_feeds WHERE guardian_id = ?', samira());
  await loginHome(page, 'parent@demo.test');
  await page.getByRole('button', { name: "Créer mon adresse d'agenda" }).click();
  const address = page.getByLabel('Votre adresse privée');
  await expect(address).toHaveValue(/\/calendrier\/[A-Za-z0-9_-]{43}\.ics$/);
  const url = await address.inputValue();
  await expect(page.getByRole('link', { name: 'Ajouter à mon agenda' })).toHaveAttribute('href', /^webcal:\/\//);
  const feed = await request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const events = (await feed.text()).match(/BEGIN:VEVENT/g)?.length ?? 0;
  expect(events).toBeGreaterThan(10);

  await page.getByRole('button', { name: "Supprimer l'adresse" }).click();
  await expect(page.getByRole('button', { name: "Créer mon adresse d'agenda" })).toBeVisible();
  expect((await request.get(url)).status()).toBe(404);
});

test('the English switch is visible, remembered, and French comes back', async ({ page }) => {
  await loginHome(page, 'parent@demo.test');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My children');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'I will come' }).first()).toBeVisible();
  // Remembered on the next visit.
  await page.goto('/mes-enfants');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My children');
  await page.getByRole('link', { name: 'Français' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes enfants');
});

test('the phone page never scrolls sideways at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await loginHome(page, 'parent@demo.test');
  const [[child]] = sql("SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'");
  for (const path of ['/mes-enfants', `/enfants/${child}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(360);
  }
});
