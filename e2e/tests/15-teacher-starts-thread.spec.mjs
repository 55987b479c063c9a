// A teacher starts a private conversation with a parent from the class page (not only replies to one), and
// the parent, in their own browser, finds it with the message in it.
import { test, expect } from '@playwright/test';
import { DEMO, signIn } from './helpers.mjs';

test('a teacher messages a parent from the class page and the parent reads it', async ({ browser }) => {
  const stamp = Date.now();
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const teacher = await teacherContext.newPage();
  await signIn(teacher, DEMO.teacher, '/teacher');
  await teacher.getByRole('link', { name: 'Kestrel', exact: true }).click();
  await expect(teacher).toHaveURL(/\/teacher\/classes\/\d+$/);

  await teacher.getByRole('button', { name: 'Message Alex Lane about Ruby' }).click();
  await expect(teacher).toHaveURL(/\/messages\/\d+$/);
  await expect(teacher.getByRole('heading', { name: 'Conversation with Alex Lane' })).toBeVisible();
  const text = `Ruby read beautifully to the class this morning ${stamp}`;
  await teacher.getByLabel('Message to Alex Lane').fill(text);
  const send = teacher.getByRole('button', { name: /^Send( anyway)?$/ });
  await expect(send).toBeEnabled();
  await send.click();
  await expect(teacher.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
  await teacherContext.close();

  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const parent = await parentContext.newPage();
  await signIn(parent, 'alex.lane@example.com', '/parent');
  await parent.getByRole('button', { name: 'Message Mr Daly about Ruby' }).click();
  await expect(parent).toHaveURL(/\/messages\/\d+$/);
  await expect(parent.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();
  await parentContext.close();
});

test('leaders see the class list without message buttons, since they are not part of private threads', async ({
  page,
}) => {
  await signIn(page, DEMO.leader, '/leader');
  await page.getByRole('link', { name: 'Kestrel', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Invite a parent for Ruby/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Message / })).toHaveCount(0);
});
