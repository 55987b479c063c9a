// Class chat as parents and the teacher use it: a child's name is stopped before it is sent (with the
// private alternative one tap away), and a message the teacher removes becomes a marker for everyone.
import { test, expect } from '@playwright/test';
import { DEMO, signIn } from './helpers.mjs';

const ALEX = 'alex.lane@example.com';

async function openKestrelChat(page, email, home) {
  await signIn(page, email, home);
  await page.getByRole('link', { name: /^Kestrel class chat/ }).click();
  await expect(page).toHaveURL(/\/chat\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Kestrel class chat' })).toBeVisible();
}

test("another child's name in class chat blocks Send, shows the guidance and offers a private message", async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openKestrelChat(page, ALEX, '/parent');
  const box = page.getByLabel('Message to the class');
  const draft = 'Did Priya leave her blue coat at the park after school?';
  await box.fill(draft);

  const findings = page.locator('.findings');
  await expect(findings).toContainText("don't use children's names");
  await expect(findings.locator('.finding-block')).toContainText('Priya');
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  await expect(page.locator('.composer-reason')).toContainText("child's name");
  // The field tells screen readers where the guidance is.
  const described = await box.getAttribute('aria-describedby');
  expect(described).toContain(await findings.getAttribute('id'));

  await page.getByRole('button', { name: 'Send privately to the teacher instead' }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByLabel('Message to Mr Daly')).toHaveValue(draft);
});

test('the teacher removes a class-chat message with a reason and the parent sees the marker live', async ({
  browser,
}) => {
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const parent = await parentContext.newPage();
  const teacher = await teacherContext.newPage();
  const text = `Thanks to everyone who baked for the cake stall ${Date.now()}`;

  await openKestrelChat(parent, ALEX, '/parent');
  await parent.getByLabel('Message to the class').fill(text);
  await parent.getByRole('button', { name: 'Send', exact: true }).click();
  const messages = parent.getByRole('list', { name: 'Messages' });
  await expect(messages.getByText(text)).toBeVisible();

  await openKestrelChat(teacher, DEMO.teacher, '/teacher');
  const item = teacher.getByRole('listitem').filter({ hasText: text });
  await item.getByRole('button', { name: 'Remove' }).click();
  await item.getByLabel('Reason for removing').fill('Duplicate of the office newsletter');
  await item.getByRole('button', { name: 'Remove message' }).click();
  await expect(teacher.getByText(text)).toHaveCount(0);

  // The parent's page updates by itself: the text is gone and the marker is there.
  await expect(messages.getByText(text)).toHaveCount(0, { timeout: 8_000 });
  await expect(messages.getByText('Removed by the teacher').first()).toBeVisible();

  await parentContext.close();
  await teacherContext.close();
});
