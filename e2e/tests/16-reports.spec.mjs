// A parent reports a class-chat message with a reason and the headteacher finds it on the leader page,
// with the class, the reporter and the reason, and a link straight to that class chat.
import { test, expect } from '@playwright/test';
import { DEMO, signIn } from './helpers.mjs';

const ALEX = 'alex.lane@example.com';

async function openKestrelChat(page, email) {
  await signIn(page, email, '/parent');
  await page.getByRole('link', { name: /^Kestrel class chat/ }).click();
  await expect(page).toHaveURL(/\/chat\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Kestrel class chat' })).toBeVisible();
}

test('a parent reports a class-chat message and the headteacher sees the report with its reason', async ({
  browser,
}) => {
  const stamp = Date.now();
  const text = `Thanks to everyone who helped tidy the school garden ${stamp}`;
  const reason = `This feels like it is aimed at one family ${stamp}`;
  const authorContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const reporterContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const leaderContext = await browser.newContext({ viewport: { width: 360, height: 740 } });

  // Alex posts in the Kestrel class chat.
  const author = await authorContext.newPage();
  await openKestrelChat(author, ALEX);
  await author.getByLabel('Message to the class').fill(text);
  await author.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(author.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();

  // Sam, another Kestrel parent, reports it with a reason.
  const reporter = await reporterContext.newPage();
  await openKestrelChat(reporter, DEMO.parent);
  const item = reporter.getByRole('listitem').filter({ hasText: text });
  await item.getByRole('button', { name: 'Report' }).click();
  await item.getByLabel('Why are you reporting this message?').fill(reason);
  await item.getByRole('button', { name: 'Send report' }).click();
  await expect(item.getByText('The school has been told about this message.')).toBeVisible();

  // The headteacher sees the report on the leader page, on a phone.
  const leader = await leaderContext.newPage();
  await signIn(leader, DEMO.leader, '/leader');
  await expect(leader.getByRole('heading', { name: 'Reported messages' })).toBeVisible();
  const report = leader
    .getByRole('list', { name: 'Reported messages' })
    .getByRole('listitem')
    .filter({ hasText: reason });
  await expect(report).toBeVisible();
  await expect(report).toContainText('Kestrel');
  await expect(report).toContainText('Reported by Sam Fisher');
  await expect(report).toContainText('Message still showing');

  const open = report.getByRole('link', { name: /^Open Kestrel/ });
  const box = await open.boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(44);
  const overflow = await leader.evaluate(
    () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
  );
  expect(overflow).toBe(false);

  await open.click();
  await expect(leader).toHaveURL(/\/chat\/\d+$/);
  await expect(leader.getByRole('heading', { name: 'Kestrel class chat' })).toBeVisible();
  await expect(leader.getByRole('list', { name: 'Messages' }).getByText(text)).toBeVisible();

  await authorContext.close();
  await reporterContext.close();
  await leaderContext.close();
});
