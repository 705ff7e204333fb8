import { expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';

export const PASSWORD = 'passerelle-demo';

export const HOMES: Record<string, string> = {
  'coordination@demo.test': 'Planning',
  'accompagnateur@demo.test': "Aujourd'hui",
  'parent@demo.test': 'Mes enfants',
  'caf@demo.test': 'Bilan',
  'admin@demo.test': 'Administration',
};

/** Waits until the page has come alive, if it loads the app's code at
 * all. The family pages opened as a document load none (app.rs, `hydrates`):
 * they are plain pages with plain forms, JavaScript on or off. Reached by a
 * link from a page that did load it, they are shown by the app. */
export async function alive(page: Page, timeout = 30_000) {
  if (test.info().project.name.endsWith('-nojs')) return;
  if (await page.locator('link[rel="modulepreload"]').count() === 0) return;
  await page.waitForFunction(() => (window as any).__passerelle_hydrated === true, null, { timeout });
}

/** Signs in through the login form, as a person would. */
export async function login(page: Page, email: string, password = PASSWORD) {
  await page.context().clearCookies();
  await page.goto('/connexion');
  // Why: a person types for seconds, a test for milliseconds; the tests
  // sign in on a live page. Leaving a page before it came alive is tested
  // on its own (cut_fetch.spec.ts).
  if (!test.info().project.name.endsWith('-nojs')) {
    await page.waitForFunction(() => (window as any).__passerelle_hydrated === true);
  }
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Signs in and waits for the role's home. */
export async function loginHome(page: Page, email: string) {
  await login(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOMES[email] ?? 'Planning');
  // Why: a person looks at their home before going on; leaving a page
  // while its file loads is tested on its own (cut_fetch.spec.ts).
  await page.waitForLoadState('networkidle');
}

/** The address of a link found on a coordinator's page. */
export async function hrefOf(page: Page, name: string): Promise<string> {
  const href = await page.getByRole('link', { name, exact: true }).first().getAttribute('href');
  expect(href).toBeTruthy();
  return href!;
}

/** Fails the test on any script error or console error (hydration included)
 * but those `allowed` matches. */
export function watchErrors(allowed?: RegExp) {
  const errors: string[] = [];
  test.beforeEach(async ({ page }) => {
    errors.length = 0;
    page.on('pageerror', (e) => {
      if (!allowed?.test(e.message)) errors.push(`page error: ${e.message}`);
    });
    page.on('console', (m) => {
      // Refusals (401, 403, 404) are answers the tests ask for, not errors.
      if (m.type() === 'error' && !/status of 40[134]/.test(m.text()) && !allowed?.test(m.text())) {
        errors.push(`console: ${m.text()}`);
      }
    });
  });
  test.afterEach(async () => {
    expect(errors, errors.join('\n')).toEqual([]);
  });
}

/** Reads (or, to reset a test's starting point, writes) the server's
 * database: the SQLite file of the e2e server. */
export function sql(query: string, ...args: string[]): any[][] {
  const out = execFileSync('python3', ['-c',
    'import sqlite3, json, sys\n'
    + 'c = sqlite3.connect(sys.argv[1], timeout=10)\n'
    + 'rows = c.execute(sys.argv[2], sys.argv[3:]).fetchall()\n'
    + 'c.commit()\n'
    + 'print(json.dumps(rows))',
    process.env.E2E_DB!, query, ...args]);
  return JSON.parse(out.toString());
}

/** The mails the e2e server sent to `to`, oldest first (read from the test
 * SMTP server's Maildir): subject and plain-text body. */
export function mailsTo(to: string): { subject: string; text: string }[] {
  const out = execFileSync('python3', ['-c',
    'import json, mailbox, sys\n'
    + 'from email import policy\n'
    + 'box = mailbox.Maildir(sys.argv[1], factory=None, create=False)\n'
    + 'found = []\n'
    + 'for key in sorted(box.keys()):\n'
    + '    m = box.get_message(key)\n'
    + '    import email\n'
    + '    m = email.message_from_bytes(m.as_bytes(), policy=policy.default)\n'
    + '    if sys.argv[2] not in str(m["To"]): continue\n'
    + '    body = m.get_body(preferencelist=("plain",))\n'
    + '    found.append({"subject": str(m["Subject"]), "text": body.get_content() if body else ""})\n'
    + 'print(json.dumps(found))',
    process.env.E2E_MAILDIR!, to]);
  return JSON.parse(out.toString());
}
