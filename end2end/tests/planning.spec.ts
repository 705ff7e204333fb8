import { expect, Locator, Page, test } from '@playwright/test';
import { loginHome, watchErrors } from './helpers';

watchErrors();

// Dragging needs the hydrated calendar: JavaScript projects only.
test.beforeEach(async ({}, info) => {
  test.skip(info.project.name.endsWith('-nojs') || info.project.name.startsWith('phone'), 'desktop and tablet, hydrated');
});

const DAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];

/** Opens the first coming week without school holidays. */
async function openSchoolWeek(page: Page) {
  await loginHome(page, 'coordination@demo.test');
  for (let weeks = 1; weeks <= 6; weeks++) {
    const day = new Date(Date.now() + weeks * 7 * 86400_000).toISOString().slice(0, 10);
    await page.goto(`/planning?semaine=${day}`);
    await expect(page.locator('.calendar-grid')).toBeVisible();
    if ((await page.locator('.notice-info').count()) === 0) return;
  }
  throw new Error('no school week in the next six weeks');
}

/** Waits until the calendar is interactive (hydrated). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
}

function block(page: Page, group: string, day: string): Locator {
  return page.locator('.block', { has: page.locator('.block-group', { hasText: group }) })
    .filter({ has: page.locator(`xpath=self::*[contains(@aria-label, "${day}")]`) });
}

/** Opens a block's dialog as a person does: a tap or a click on the block
 * unfolds its details and buttons, then the button. */
async function openDialog(block: Locator, name: string) {
  await block.click({ position: { x: 12, y: 8 } });
  await block.getByRole('button', { name }).click();
}

/** A group of the side list, on screen with the morning rows of the grid. */
async function groupChip(page: Page, name: string): Promise<Locator> {
  const chip = page.locator('.chip-group', { hasText: name });
  await chip.evaluate((e) => {
    e.scrollIntoView({ block: 'nearest' });
    window.scrollTo(0, 0);
  });
  return chip;
}

/** The screen point of a day (0 = Monday) and a minute of the day. */
async function point(page: Page, day: number, minute: number) {
  const grid = (await page.locator('.calendar-grid').boundingBox())!;
  return {
    x: grid.x + (grid.width * (day + 0.5)) / 6,
    y: grid.y + (grid.height * (minute - 480)) / 720 + 2,
  };
}

/** Drags `from` to a point: a mouse on the desktop, a finger on the tablet. */
async function drag(
  page: Page,
  from: Locator,
  target: () => Promise<{ x: number; y: number }>,
  touch: boolean,
  during?: () => Promise<void>,
  scroll = true,
) {
  // Both ends must be on screen, as for a person.
  if (scroll) await from.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const to = await target();
  const box = (await from.boundingBox())!;
  const start = { x: box.x + box.width / 2, y: box.y + 2 };
  if (!touch) {
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 10 });
    if (during) await during();
    await page.mouse.up();
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  const touchAt = (type: string, p: { x: number; y: number }) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: p.x, y: p.y }] });
  await touchAt('touchStart', start);
  for (let i = 1; i <= 10; i++) {
    await touchAt('touchMove', { x: start.x + ((to.x - start.x) * i) / 10, y: start.y + ((to.y - start.y) * i) / 10 });
  }
  if (during) await during();
  await touchAt('touchEnd', to);
}

test('drag a session to another day and time; it stays there after a reload', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const session = block(page, 'CP-CE2', touch ? 'jeudi' : 'lundi').first();
  const id = await session.getAttribute('data-session-id');
  // Wednesday afternoon has no school for primary pupils.
  const target = touch ? { day: 5, minute: 16 * 60 } : { day: 2, minute: 14 * 60 };
  await drag(page, session, () => point(page, target.day, target.minute), touch);
  // The session comes back every week: move this one only.
  await page.getByRole('dialog').getByRole('button', { name: 'Cette séance' }).click();
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  await page.reload();
  const moved = page.locator(`[data-session-id="${id}"]`);
  await expect(moved).toHaveAttribute('aria-label', new RegExp(`CP-CE2, ${DAY_NAMES[target.day]} .*${target.minute / 60} h – ${target.minute / 60 + 1} h 30`));
});

test('a drag into school time shows the finding and is refused', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const session = block(page, 'CM1-CM2', 'mardi').first();
  const id = await session.getAttribute('data-session-id');
  const before = await session.getAttribute('aria-label');
  await drag(page, session, () => point(page, 0, 15 * 60), touch, async () => {
    await expect(page.locator('.drop [data-finding-code="DURING_SCHOOL_TIME"]')).toBeVisible();
    await expect(page.locator('.drop')).toHaveAttribute('data-drop-blocked', 'true');
  });
  await expect(page.locator('.planner-message')).toContainText('Déplacement refusé');
  await page.reload();
  await expect(page.locator(`[data-session-id="${id}"]`)).toHaveAttribute('aria-label', before!);
});

test('an accompanist dropped on an understaffed session clears RATIO_EXCEEDED', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const session = block(page, 'CM1-CM2', touch ? 'mardi' : 'vendredi').first();
  const id = await session.getAttribute('data-session-id');
  // Leave one adult for twelve children.
  await openDialog(session, 'Déplacer…');
  await page.getByRole('dialog').getByRole('button', { name: /^Retirer / }).first().click();
  const understaffed = page.locator(`[data-session-id="${id}"]`);
  await expect(understaffed.locator('[data-finding-code="RATIO_EXCEEDED"]')).toBeVisible();
  // Drag someone free at that time onto it.
  const chip = page.locator('.chip', { hasText: 'Paul L.' });
  await understaffed.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const onSession = async () => {
    const box = (await understaffed.boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  // The side list scrolls on its own when it is taller than the screen.
  await chip.evaluate((e) => e.scrollIntoView({ block: 'nearest' }));
  await drag(page, chip, onSession, touch, undefined, false);
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  await expect(page.locator(`[data-session-id="${id}"] [data-finding-code="RATIO_EXCEEDED"]`)).toHaveCount(0);
});

test('keyboard only: move a session with the dialog', async ({ page }, info) => {
  await openSchoolWeek(page);
  await hydrated(page);
  const day = info.project.name.startsWith('tablet') ? 'lundi' : 'jeudi';
  const session = block(page, '6e-5e', day).first();
  const id = await session.getAttribute('data-session-id');
  const label = (await session.getAttribute('aria-label'))!;
  const button = session.getByRole('button', { name: 'Déplacer…' });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Same day, one hour later (17 h 15 -> 18 h 15), typed in the time fields.
  await dialog.getByLabel('Début', { exact: true }).focus();
  await page.keyboard.type('1815');
  await dialog.getByLabel('Fin', { exact: true }).focus();
  await page.keyboard.type('1945');
  await page.keyboard.press('Enter');
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  await page.reload();
  const after = await page.locator(`[data-session-id="${id}"]`).getAttribute('aria-label');
  expect(after).not.toBe(label);
  expect(after).toMatch(new RegExp(`6e-5e, ${day} .* 18 h 15 – 19 h 45`));
});

test('two coordinators: the second change gets a clear message and the fresh week', async ({ browser, page }, info) => {
  await openSchoolWeek(page);
  await hydrated(page);
  const url = page.url();
  const other = await (await browser.newContext(info.project.use)).newPage();
  await loginHome(other, 'coordination@demo.test');
  await other.goto(url);
  await hydrated(other);
  const group = info.project.name.startsWith('tablet') ? 'CM1-CM2' : 'CP-CE2';
  const day = info.project.name.startsWith('tablet') ? 'vendredi' : 'jeudi';
  const id = await block(page, group, day).first().getAttribute('data-session-id');
  // The first coordinator moves it to 17 h.
  const moveWith = async (p: Page, start: string, end: string) => {
    await openDialog(p.locator(`[data-session-id="${id}"]`), 'Déplacer…');
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Début', { exact: true }).fill(start);
    await dialog.getByLabel('Fin', { exact: true }).fill(end);
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  };
  await moveWith(page, '17:00', '18:30');
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  // The second, still looking at the old week, tries another time.
  await moveWith(other, '17:15', '18:45');
  await expect(other.locator('.planner-message')).toContainText("Quelqu'un d'autre a modifié");
  // Their week is fresh: the block shows the first coordinator's time.
  await expect(other.locator(`[data-session-id="${id}"]`)).toHaveAttribute('aria-label', /17 h – 18 h 30/);
  await other.context().close();
});

test('undo puts the last moved session back', async ({ page }, info) => {
  const tablet = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const session = block(page, tablet ? '6e-5e' : 'CM1-CM2', tablet ? 'jeudi' : 'mardi').first();
  const id = await session.getAttribute('data-session-id');
  const before = (await session.getAttribute('aria-label'))!;
  await openDialog(session, 'Déplacer…');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Début', { exact: true }).fill('19:00');
  await dialog.getByLabel('Fin', { exact: true }).fill('20:00');
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  const moved = page.locator(`[data-session-id="${id}"]`);
  await expect(moved).toHaveAttribute('aria-label', /19 h – 20 h/);
  await page.getByRole('button', { name: 'Annuler la dernière modification' }).click();
  await expect(moved).toHaveAttribute('aria-label', before);
  await page.reload();
  await expect(page.locator(`[data-session-id="${id}"]`)).toHaveAttribute('aria-label', before);
});

test('drag a group onto the grid: a draft of 1 h 30 is created, kept after a reload, then deleted', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  // Wednesday (no school for primary pupils) on the desktop, Saturday on the tablet.
  const day = touch ? 5 : 2;
  const chip = await groupChip(page, 'CP-CE2');
  // Why: above the grid, « Registres à vérifier » (left by the register
  // tests) can push 10 h below a tablet's fold; the side list is sticky,
  // so the chip stays in view while the grid comes up.
  await page.locator('.calendar-grid').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await drag(page, chip, () => point(page, day, 10 * 60), touch, async () => {
    await expect(page.locator('.drop')).toHaveAttribute('data-drop-blocked', 'false');
  }, false);
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  const created = page.locator('.block[data-status="draft"]', { has: page.locator('.block-group', { hasText: 'CP-CE2' }) });
  await expect(created).toHaveAttribute('aria-label', new RegExp(`CP-CE2, ${DAY_NAMES[day]} .*10 h – 11 h 30, brouillon`));
  await page.reload();
  await expect(created).toHaveCount(1);
  await hydrated(page);
  // The drag has its alternative: the draft is deleted from its dialog.
  await openDialog(created, 'Séance…');
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer le brouillon' }).click();
  await expect(page.locator('.planner-message')).toContainText('Brouillon supprimé');
  await page.reload();
  await expect(created).toHaveCount(0);
});

test('a group dropped in school time is refused with the finding', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const chip = await groupChip(page, 'CM1-CM2');
  const drafts = await page.locator('.block[data-status="draft"]').count();
  await drag(page, chip, () => point(page, 1, 10 * 60), touch, async () => {
    await expect(page.locator('.drop [data-finding-code="DURING_SCHOOL_TIME"]')).toBeVisible();
  }, false);
  await expect(page.locator('.planner-message')).toContainText('Création refusée');
  await expect(page.locator('.block[data-status="draft"]')).toHaveCount(drafts);
});

test('cancel a session with a reason, then restore it', async ({ page }, info) => {
  const tablet = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const session = block(page, '6e-5e', tablet ? 'jeudi' : 'lundi').first();
  const id = await session.getAttribute('data-session-id');
  await openDialog(session, 'Séance…');
  const dialog = page.getByRole('dialog');
  // An empty reason is refused in the browser, in French, at the field.
  await dialog.getByRole('button', { name: 'Annuler la séance' }).click();
  await expect(dialog.getByLabel('Motif (les familles le verront)')).toBeFocused();
  await dialog.getByLabel('Motif (les familles le verront)').fill('Sortie au musée reportée');
  await dialog.getByRole('button', { name: 'Annuler la séance' }).click();
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  await page.reload();
  await hydrated(page);
  const cancelled = page.locator(`[data-session-id="${id}"]`);
  await expect(cancelled).toHaveAttribute('data-status', 'cancelled');
  await expect(cancelled).toContainText('Motif : Sortie au musée reportée');
  await openDialog(cancelled, 'Séance…');
  await page.getByRole('dialog').getByRole('button', { name: 'Rétablir la séance' }).click();
  await expect(cancelled).toHaveAttribute('data-status', 'planned');
});

test('copy a week to the end of the year: holidays skipped and listed, then undone', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  // A new weekly session to copy: CP-CE2 on Wednesday (Saturday on the tablet) at 10 h.
  const day = touch ? 5 : 2;
  await page.getByRole('button', { name: 'Nouvelle séance pour CP-CE2' }).click();
  const dialog = page.getByRole('dialog');
  const asked = new Date(new URL(page.url()).searchParams.get('semaine')! + 'T00:00:00Z');
  const monday = asked.getTime() - ((asked.getUTCDay() + 6) % 7) * 86400_000;
  await dialog.getByLabel('Jour').fill(new Date(monday + day * 86400_000).toISOString().slice(0, 10));
  await dialog.getByLabel('Début', { exact: true }).fill('10:00');
  await dialog.getByLabel('Fin', { exact: true }).fill('11:30');
  await dialog.getByRole('button', { name: 'Créer la séance' }).click();
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  await page.getByText('Copier la semaine…').click();
  await page.getByRole('button', { name: 'Copier', exact: true }).click();
  await expect(page.locator('.planner-message')).toContainText('Semaine copiée');
  await expect(page.locator('.planner-message')).toContainText('séance(s) créée(s)');
  // Christmas at least: each skipped occurrence is listed with its holiday.
  await expect(page.locator('.report-list li[data-skip="holiday"]').first()).toBeVisible();
  await expect(page.locator('.report-list')).toContainText('Vacances de Noël');
  await page.getByRole('button', { name: 'Annuler la dernière modification' }).click();
  await expect(page.locator('.planner-message')).toContainText('Copie annulée');
  // Leave the week as it was.
  const draft = page.locator('.block[data-status="draft"]', { has: page.locator('.block-group', { hasText: 'CP-CE2' }) });
  await openDialog(draft, 'Séance…');
  await page.getByRole('dialog').getByRole('button', { name: 'Supprimer le brouillon' }).click();
  await expect(draft).toHaveCount(0);
});

test('filters by group, and arrow keys go from block to block', async ({ page }) => {
  await openSchoolWeek(page);
  await hydrated(page);
  await page.getByLabel('Groupe', { exact: true }).selectOption({ label: '6e-5e' });
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(/groupe=/);
  const blocks = page.locator('.block');
  await expect(blocks.first()).toBeVisible();
  for (const label of await blocks.evaluateAll((b) => b.map((e) => e.getAttribute('aria-label')))) {
    expect(label).toMatch(/^6e-5e, /);
  }
  await blocks.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(blocks.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(blocks.first()).toBeFocused();
});

test('drag the bottom edge of a session to change its end; kept after a reload', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  const session = block(page, 'CM1-CM2', 'mardi').first();
  const id = await session.getAttribute('data-session-id');
  const before = (await session.getAttribute('aria-label'))!;
  expect(before).toMatch(/16 h 45 – 18 h 15/);
  // From 18 h 15 down to 18 h 45.
  await drag(page, session.locator('.block-resize'), () => point(page, 1, 18 * 60 + 45), touch, async () => {
    await expect(page.locator('.drop .block-time')).toHaveText('16 h 45 – 18 h 45');
  });
  await page.getByRole('dialog').getByRole('button', { name: 'Cette séance' }).click();
  await expect(page.locator(`[data-session-id="${id}"]`)).toHaveAttribute('aria-label', /16 h 45 – 18 h 45/);
  await page.reload();
  await expect(page.locator(`[data-session-id="${id}"]`)).toHaveAttribute('aria-label', /16 h 45 – 18 h 45/);
  await hydrated(page);
  // Back as it was, with the dialog.
  await openDialog(page.locator(`[data-session-id="${id}"]`), 'Déplacer…');
  await page.getByRole('dialog').getByLabel('Fin', { exact: true }).fill('18:15');
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator(`[data-session-id="${id}"]`)).toHaveAttribute('aria-label', before);
});

test('plan a draft session, then publish the week', async ({ page }, info) => {
  const touch = info.project.name.startsWith('tablet');
  await openSchoolWeek(page);
  await hydrated(page);
  // 6e-5e on Wednesday 14 h (Saturday on the tablet): no school for them then.
  const day = touch ? 5 : 2;
  await page.getByRole('button', { name: 'Nouvelle séance pour 6e-5e' }).click();
  const asked = new Date(new URL(page.url()).searchParams.get('semaine')! + 'T00:00:00Z');
  const monday = asked.getTime() - ((asked.getUTCDay() + 6) % 7) * 86400_000;
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Jour').fill(new Date(monday + day * 86400_000).toISOString().slice(0, 10));
  await dialog.getByLabel('Début', { exact: true }).fill('14:00');
  await dialog.getByLabel('Fin', { exact: true }).fill('15:30');
  await dialog.getByRole('button', { name: 'Créer la séance' }).click();
  const draft = page.locator('.block[data-status="draft"]', { has: page.locator('.block-group', { hasText: '6e-5e' }) });
  await expect(draft).toHaveCount(1);
  const id = await draft.getAttribute('data-session-id');
  // The session plan: one more activity and a shared session, kept after a reload.
  await openDialog(draft, 'Séance…');
  await page.getByRole('dialog').getByLabel('Activité sportive').check();
  await page.getByRole('dialog').getByLabel('Séance partagée parents et enfants').check();
  await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer le programme' }).click();
  await expect(page.locator('.planner-message')).toContainText('Enregistré');
  await page.reload();
  await hydrated(page);
  const session = page.locator(`[data-session-id="${id}"]`);
  await openDialog(session, 'Séance…');
  await expect(page.getByRole('dialog').getByLabel('Activité sportive')).toBeChecked();
  await expect(page.getByRole('dialog').getByLabel('Séance partagée parents et enfants')).toBeChecked();
  await page.keyboard.press('Escape');
  // Publishing: the draft becomes a planned session that families see.
  await page.getByRole('button', { name: /^Publier les brouillons/ }).click();
  await expect(session).toHaveAttribute('data-status', 'planned');
  // Leave the week as it was: cancelled sessions take no room.
  await openDialog(session, 'Séance…');
  await page.getByRole('dialog').getByLabel('Motif (les familles le verront)').fill('Séance de test retirée');
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler la séance' }).click();
  await expect(session).toHaveAttribute('data-status', 'cancelled');
});
