import { expect, test } from '@playwright/test';
import { alive, loginHome, sql, watchErrors } from './helpers';

// Messages to families (issue 22): the coordinator writes to the families
// of Inès's group asking yes or no; her mother finds it unread on her
// phone's home, opens it, answers; the coordinator sees her family among
// those who read it and the others still unread, with phone numbers. On a
// desktop and a phone, with and without JavaScript (plain forms).

watchErrors();

function cleanUp() {
  sql("DELETE FROM family_message_recipients WHERE message_id IN (SELECT id FROM family_messages WHERE subject LIKE 'E2E %')");
  sql("DELETE FROM family_messages WHERE subject LIKE 'E2E %'");
}

function inesGroup(): string {
  const [[name]] = sql(
    `SELECT g.name FROM groups g JOIN group_members gm ON gm.group_id = g.id
     JOIN children c ON c.id = gm.child_id WHERE c.first_name = 'Inès' AND c.last_name = 'Benali'`);
  return name;
}

test.describe('messages to families', () => {
  test.beforeEach(async ({}, info) => {
    test.skip(info.project.name.startsWith('tablet'), 'a desktop and a phone');
    cleanUp();
  });
  test.afterEach(cleanUp);

  test('a message is read by one family, unread by the others, and answered', async ({ page }, info) => {
    const subject = `E2E ${info.project.name} sortie à la médiathèque`;
    const group = inesGroup();

    await loginHome(page, 'coordination@demo.test');
    await page.goto('/messages');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages aux familles');
    await alive(page);
    await page.getByLabel('À', { exact: true }).selectOption({ label: group });
    await page.getByLabel('Objet', { exact: true }).fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('Bonjour,\nMardi nous irons à la médiathèque.\n\nL\'équipe');
    await page.getByLabel('Oui ou non').check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const card = page.locator('.message-card', { hasText: subject });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Lu par aucune des');
    await expect(card).toContainText(`Groupe ${group}`);

    // Inès's mother, on her phone's home: new, about Inès.
    await loginHome(page, 'parent@demo.test');
    const mine = page.locator('.family-messages .message-card', { hasText: subject });
    await expect(mine).toContainText('Nouveau');
    await expect(mine).toContainText('Inès');
    await mine.getByRole('link', { name: subject }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
    await expect(page.locator('.message-body')).toContainText('Mardi nous irons à la médiathèque.');
    await expect(page.getByText(/Au sujet de .*Inès/)).toBeVisible();
    await alive(page);
    await page.getByRole('button', { name: 'Oui', exact: true }).click();
    await expect(page.getByText('Vous avez répondu : oui.')).toBeVisible();
    await page.getByRole('link', { name: '← Retour' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes enfants');
    const read = page.locator('.family-messages .message-card', { hasText: subject });
    await expect(read).toHaveAttribute('data-read', 'true');
    await expect(read).not.toContainText('Nouveau');

    // The coordinator: the Benali family read it and said yes; the others
    // not yet, with a number to call.
    await loginHome(page, 'coordination@demo.test');
    await page.goto('/messages');
    const sent = page.locator('.message-card', { hasText: subject });
    await expect(sent).toContainText(/Lu par \d+ familles? sur \d+/);
    await sent.getByRole('link', { name: subject }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(subject);
    const ines = page.locator('.receipts-read .receipt', { hasText: 'Famille de Inès Benali' });
    await expect(ines).toContainText('Samira Benali : lu le');
    await expect(ines).toContainText('oui');
    const unread = page.locator('.receipts-unread .receipt');
    expect(await unread.count()).toBeGreaterThan(0);
    await expect(unread.first()).toContainText(/pas encore lu|pas de compte Passerelle/);
    await expect(unread.locator('a[href^="tel:"]').first()).toBeVisible();
    const [[inDb]] = sql(
      `SELECT COUNT(*) FROM family_message_recipients r JOIN family_messages m ON m.id = r.message_id
       WHERE m.subject = ? AND r.read_at IS NOT NULL`, subject);
    expect(inDb).toBeGreaterThan(0);
  });

  test('a coordinator writes to one family from the child\'s record', async ({ page }, info) => {
    test.skip(!info.project.name.endsWith('-js'), 'the record page is the hydrated one');
    const subject = `E2E ${info.project.name} rendez-vous`;
    await loginHome(page, 'coordination@demo.test');
    const [[child]] = sql("SELECT id FROM children WHERE first_name = 'Inès' AND last_name = 'Benali'");
    await page.goto(`/inscriptions/${child}`);
    await page.getByRole('link', { name: 'Écrire à la famille' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Messages aux familles');
    await expect(page.getByLabel('À', { exact: true })).toHaveValue(`child:${child}`);
    await alive(page);
    await page.getByLabel('Objet', { exact: true }).fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('Pouvez-vous passer nous voir jeudi ?');
    await page.getByLabel('« J\'ai bien reçu »').check();
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const card = page.locator('.message-card', { hasText: subject });
    await expect(card).toContainText('Inès Benali');
    await expect(card).toHaveAttribute('data-families', '1');
  });
});
