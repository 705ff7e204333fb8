import { expect, Locator, Page, test } from '@playwright/test';
import { PASSWORD, sql, watchErrors } from './helpers';

// Whole journeys with the keyboard alone (issue 24): no click, no tap.
// Each Tab is checked: the focused element shows its focus ring and is not
// hidden under a sticky bar (WCAG 2.4.7, 2.4.11); a screenshot of the focus
// is kept at the steps that matter. Desktop, hydrated (a keyboard on a
// computer); the register on the tablet, with a keyboard attached.

watchErrors();

/** The focused element shows a ring, and its middle is on screen, not
 * covered by anything (a sticky bar). Empty when it is fine. */
async function focusProblem(page: Page): Promise<string> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    if (!e || e === document.body) return '';
    const name = `${e.tagName.toLowerCase()}#${e.id}.${e.className}[${e.getAttribute('type') ?? ''}] « ${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40)} »`;
    const style = getComputedStyle(e);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
    if (!ring) return `${name} shows no focus ring`;
    const box = e.getBoundingClientRect();
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height / 2, 12), 0), innerHeight - 1);
    if (box.bottom < 0 || box.top > innerHeight) return `${name} is off screen`;
    const top = document.elementFromPoint(x, y);
    if (top && !e.contains(top) && !top.contains(e)) return `${name} is hidden under ${top.tagName.toLowerCase()}.${top.className}`;
    return '';
  });
}

/** Presses Tab (Shift+Tab when `back`) until `target` has the focus,
 * checking the focus at each step. */
async function tabTo(page: Page, target: Locator, back = false, max = 250) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((e) => e === document.activeElement, undefined, { timeout: 5_000 })) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    expect(await focusProblem(page)).toBe('');
  }
  throw new Error(`never reached ${target} with the keyboard`);
}

async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
}

async function shot(page: Page, name: string) {
  await test.info().attach(name, { body: await page.screenshot(), contentType: 'image/png' });
}

/** Signs in from the sign-in page with the keyboard; the role's home then
 * has the focus on its heading. */
async function keyboardSignIn(page: Page, email: string, home: string) {
  await page.context().clearCookies();
  await page.goto('/connexion');
  await hydrated(page);
  // The first stop is the skip link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await shot(page, 'skip link');
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Adresse e-mail'));
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mot de passe')).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(home);
  // Focus on the new page's heading, so a screen reader says where we are.
  await expect(page.locator('main h1')).toBeFocused();
  await page.waitForLoadState('networkidle');
}

/** The first coming week without holidays, opened by its address. */
async function schoolWeek(page: Page) {
  for (let weeks = 1; weeks <= 6; weeks++) {
    const day = new Date(Date.now() + weeks * 7 * 86400_000).toISOString().slice(0, 10);
    await page.goto(`/planning?semaine=${day}`);
    await expect(page.locator('.calendar-grid')).toBeVisible();
    if ((await page.locator('.notice-info').count()) === 0) return day;
  }
  throw new Error('no school week in the next six weeks');
}

test.describe('keyboard only', () => {
  test('the coordinator moves and creates a session, enrols a child, downloads the report', async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop-js', 'a computer, hydrated');
    test.setTimeout(240_000);
    sql("DELETE FROM children WHERE last_name = 'Clavier'");
    try {
      await keyboardSignIn(page, 'coordination@demo.test', 'Planning');
      const week = await schoolWeek(page);
      await hydrated(page);

      // Move: to a block, its « Déplacer… », the dialog, one hour later.
      const block = page.locator('.block', { has: page.locator('.block-group', { hasText: '6e-5e' }) })
        .filter({ has: page.getByRole('button', { name: 'Déplacer…' }) }).first();
      const id = (await block.getAttribute('data-session-id'))!;
      await tabTo(page, block);
      await tabTo(page, block.getByRole('button', { name: 'Déplacer…' }));
      await shot(page, 'a block, its buttons');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeFocused();
      // The dialog keeps the focus: many Tabs later, it is still inside.
      for (let i = 0; i < 25; i++) {
        await page.keyboard.press('Tab');
        expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      }
      await page.keyboard.press('Shift+Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      const start = await dialog.getByLabel('Début', { exact: true }).inputValue();
      const later = (t: string) => `${String(Number(t.slice(0, 2)) + 1).padStart(2, '0')}${t.slice(3, 5)}`;
      const end = await dialog.getByLabel('Fin', { exact: true }).inputValue();
      await tabTo(page, dialog.getByLabel('Début', { exact: true }));
      await page.keyboard.type(later(start));
      await tabTo(page, dialog.getByLabel('Fin', { exact: true }));
      await page.keyboard.type(later(end));
      await shot(page, 'the move dialog');
      await page.keyboard.press('Enter');
      await expect(page.locator('.planner-message')).toContainText('Enregistré');
      await expect(dialog).toHaveCount(0);
      // The focus comes back to the session moved.
      await expect(page.locator(`[data-session-id="${id}"]`)).toBeFocused();
      // And back again: the same dialog, the first times.
      const moved = page.locator(`[data-session-id="${id}"]`);
      await tabTo(page, moved.getByRole('button', { name: 'Déplacer…' }));
      await page.keyboard.press('Enter');
      await expect(dialog).toBeFocused();
      await tabTo(page, dialog.getByLabel('Début', { exact: true }));
      await page.keyboard.type(start.replace(':', ''));
      await tabTo(page, dialog.getByLabel('Fin', { exact: true }));
      await page.keyboard.type(end.replace(':', ''));
      await page.keyboard.press('Enter');
      await expect(dialog).toHaveCount(0);
      await expect(moved).toBeFocused();
      // Escape closes a dialog and gives the focus back to its button.
      await tabTo(page, moved.getByRole('button', { name: 'Séance…' }));
      await page.keyboard.press('Enter');
      await expect(dialog).toBeFocused();
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
      await expect(moved.getByRole('button', { name: 'Séance…' })).toBeFocused();
      const [[startAfter, endAfter]] = sql('SELECT starts_at, ends_at FROM sessions WHERE id = ?', id);
      expect([startAfter.slice(0, 5), endAfter.slice(0, 5)]).toEqual([start, end]);

      // Create: the group's « Nouvelle séance », a Wednesday afternoon.
      const monday = new Date(`${week}T00:00:00Z`);
      monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
      const wednesday = new Date(monday.getTime() + 2 * 86400_000).toISOString().slice(0, 10);
      await tabTo(page, page.getByRole('button', { name: 'Nouvelle séance pour 6e-5e' }), true);
      await page.keyboard.press('Enter');
      await expect(dialog).toBeFocused();
      await tabTo(page, dialog.getByLabel('Jour'));
      // Why fill: a date field's segments depend on the browser's language;
      // fill types no mouse either.
      await dialog.getByLabel('Jour').fill(wednesday);
      await tabTo(page, dialog.getByLabel('Début', { exact: true }));
      await page.keyboard.type('1400');
      await tabTo(page, dialog.getByLabel('Fin', { exact: true }));
      await page.keyboard.type('1530');
      await tabTo(page, dialog.getByRole('button', { name: 'Créer la séance' }));
      await page.keyboard.press('Enter');
      const draft = page.locator('.block[data-status="draft"]', { has: page.locator('.block-group', { hasText: '6e-5e' }) });
      await expect(draft).toHaveCount(1);
      sql("DELETE FROM sessions WHERE status = 'draft' AND id = ?", (await draft.getAttribute('data-session-id'))!);

      // Enrol a child: the form, field by field.
      await page.goto('/inscriptions');
      await hydrated(page);
      // The form is folded under its summary: opened with Enter.
      const summary = page.locator('summary', { hasText: 'Inscrire un enfant' });
      await tabTo(page, summary);
      await page.keyboard.press('Enter');
      const form = page.locator('form', { has: page.getByRole('button', { name: 'Inscrire', exact: true }) });
      const type = async (field: Locator, text: string) => {
        await tabTo(page, field);
        await page.keyboard.type(text);
      };
      await type(form.getByLabel("Prénom de l'enfant", { exact: true }), 'Noé');
      await type(form.getByLabel("Nom de l'enfant", { exact: true }), 'Clavier');
      await tabTo(page, form.getByLabel('Date de naissance'));
      await form.getByLabel('Date de naissance').fill('2016-05-12');
      // A select chosen with the arrow keys (« Fille »).
      await tabTo(page, form.getByLabel('Sexe'));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, form.getByLabel('Classe'));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, form.getByLabel('Orienté par'));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, form.getByLabel("Date de l'orientation"));
      await form.getByLabel("Date de l'orientation").fill('2026-10-01');
      const first = page.locator('fieldset', { hasText: 'Responsable 1' });
      await type(first.getByLabel('Prénom'), 'Lina');
      await type(first.getByLabel('Nom', { exact: true }), 'Clavier');
      await type(first.getByLabel('Téléphone'), '06 11 22 33 44');
      await tabTo(page, page.getByLabel('Accord donné par'));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, page.getByLabel("Date de l'accord"));
      await page.getByLabel("Date de l'accord").fill('2026-10-05');
      await tabTo(page, page.getByLabel('Groupe', { exact: true }));
      await page.keyboard.press('ArrowDown');
      await tabTo(page, page.getByRole('button', { name: 'Inscrire', exact: true }));
      await shot(page, 'the enrolment form');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status')).toContainText("L'enfant est inscrit.");
      expect(sql("SELECT COUNT(*) FROM children WHERE first_name = 'Noé' AND last_name = 'Clavier'")[0][0]).toBe(1);

      // The report, downloaded from its link.
      await page.goto('/bilan');
      await hydrated(page);
      const csv = page.getByRole('link', { name: /CSV/ }).first();
      await tabTo(page, csv);
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(download.suggestedFilename()).toContain('bilan');
    } finally {
      sql("DELETE FROM consents WHERE child_id IN (SELECT id FROM children WHERE last_name = 'Clavier')");
      sql("DELETE FROM child_guardians WHERE child_id IN (SELECT id FROM children WHERE last_name = 'Clavier')");
      sql("DELETE FROM group_members WHERE child_id IN (SELECT id FROM children WHERE last_name = 'Clavier')");
      sql("DELETE FROM children WHERE last_name = 'Clavier'");
      sql("DELETE FROM guardians WHERE last_name = 'Clavier'");
    }
  });

  test('the accompanist takes a register of 12 children', async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop-js', 'a keyboard, hydrated');
    test.setTimeout(90_000);
    await keyboardSignIn(page, 'accompagnateur@demo.test', "Aujourd'hui");
    const link = page.getByRole('link', { name: "Faire l'appel" }).first();
    const session = (await link.getAttribute('href'))!.split('/').pop()!;
    try {
      await tabTo(page, link);
      await page.keyboard.press('Enter');
      await expect(page.locator('.register-present').first()).toBeEnabled();
      await hydrated(page);
      // The new page's heading has the focus (a lazy page, drawn again
      // when its children come).
      await expect(page.locator('main h1')).toBeFocused();
      const rows = page.locator('.register-row[data-status="unmarked"]');
      const count = await rows.count();
      expect(count).toBe(12);
      for (let i = 0; i < count; i++) {
        const row = page.locator('.register-row[data-status="unmarked"]').first();
        const name = (await row.locator('.register-name').textContent())!;
        const button = row.locator('.register-present');
        await tabTo(page, button);
        // What a screen reader says: the name shown first, then the action.
        await expect(button).toHaveAccessibleName(new RegExp(`^${name}.*marquer présent$`));
        await page.keyboard.press(i % 2 ? 'Space' : 'Enter');
        const marked = page.locator('.register-row', { hasText: name });
        await expect(marked).toHaveAttribute('data-status', 'present');
        await expect(marked.locator('.register-present')).toHaveAttribute('aria-pressed', 'true');
        // Said to a screen reader too, in a live region.
        await expect(page.locator('.register-toolbar [role="status"]')).toHaveText(`${name} : Présent`);
      }
      await shot(page, 'the register, all present');
      // Sent and stored: the state in words says so too (no colour alone).
      await expect(page.locator('.register-row[data-sync="pending"]')).toHaveCount(0, { timeout: 15_000 });
      await expect.poll(() => sql("SELECT COUNT(*) FROM attendance WHERE session_id = ? AND status = 'present'", session)[0][0])
        .toBe(12);
    } finally {
      // The register goes back as it was: other tests take it after this one.
      sql('DELETE FROM register_disagreements WHERE session_id = ?', session);
      sql('DELETE FROM register_entries WHERE session_id = ?', session);
      sql("DELETE FROM attendance WHERE session_id = ?", session);
    }
  });

  test('a parent reports an absence', async ({ page }, info) => {
    test.skip(info.project.name !== 'desktop-js', 'a computer, hydrated');
    sql("DELETE FROM absence_notices WHERE reason LIKE 'E2E clavier%'");
    try {
      await keyboardSignIn(page, 'parent@demo.test', 'Mes enfants');
      await tabTo(page, page.getByRole('link', { name: 'Inès Benali' }).first());
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inès Benali');
      await hydrated(page);
      await expect(page.locator('main h1')).toBeFocused();
      const open = page.locator('.session-card').filter({ has: page.locator('.absence-form') }).first();
      const card = page.locator(`.session-card[data-session-id="${await open.getAttribute('data-session-id')}"]`);
      await tabTo(page, card.locator('summary'));
      await page.keyboard.press('Enter');
      await tabTo(page, card.getByLabel(/Pourquoi/));
      await page.keyboard.type('E2E clavier : rendez-vous médical.');
      await tabTo(page, card.getByRole('button', { name: 'Envoyer' }));
      await shot(page, 'the absence form');
      await page.keyboard.press('Enter');
      await expect(card.locator('.absence-reported')).toContainText('E2E clavier');
    } finally {
      sql("DELETE FROM absence_notices WHERE reason LIKE 'E2E clavier%'");
    }
  });
});
