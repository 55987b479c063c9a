// Private messages between a parent and the class teacher, as people use them: each in their own browser,
// messages arriving without reloading, the reply expectation, the office's number for an absence with
// "Send anyway", and a draft that survives the server saying no.
import { test, expect } from '@playwright/test';
import { DEMO, signIn, staffApi } from './helpers.mjs';

/** Opens the parent's thread with Mr Daly about Ivy from the child card on the parent's home. */
async function openIvyThread(page) {
  await signIn(page, DEMO.parent, '/parent');
  await page.getByRole('button', { name: 'Message Mr Daly about Ivy' }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Conversation with Mr Daly' })).toBeVisible();
  return page.url();
}

test('a parent messages the teacher, who sees it arrive live and replies; the parent sees the reply', async ({
  browser,
}) => {
  const parentContext = await browser.newContext();
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const parent = await parentContext.newPage();
  const teacher = await teacherContext.newPage();
  const stamp = Date.now();

  const threadUrl = await openIvyThread(parent);
  const threadPath = new URL(threadUrl).pathname;

  // The teacher opens the same conversation from the inbox before anything is sent.
  await signIn(teacher, DEMO.teacher, '/teacher');
  await teacher.getByRole('link', { name: /^Inbox/ }).click();
  await expect(teacher).toHaveURL('/teacher/inbox');
  await teacher.locator(`a[href="${threadPath}"]`).click();
  await expect(teacher.getByRole('heading', { name: 'Conversation with Sam Fisher' })).toBeVisible();
  await expect(teacher.getByLabel('Message to Sam Fisher')).toBeVisible();

  const hello = `Thank you for the lovely class assembly this week ${stamp}`;
  await parent.getByLabel('Message to Mr Daly').fill(hello);
  await parent.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(parent.getByRole('list', { name: 'Messages' }).getByText(hello)).toBeVisible();
  await expect(parent.getByLabel('Message to Mr Daly')).toHaveValue('');

  // No reload on the teacher's side: the live update brings it in.
  await expect(teacher.getByRole('list', { name: 'Messages' }).getByText(hello)).toBeVisible({
    timeout: 8_000,
  });

  const reply = `You're welcome, it was a joy to watch ${stamp}`;
  await teacher.getByLabel('Message to Sam Fisher').fill(reply);
  const send = teacher.getByRole('button', { name: /^Send( anyway)?$/ });
  await expect(send).toBeEnabled();
  await send.click();
  await expect(teacher.getByRole('list', { name: 'Messages' }).getByText(reply)).toBeVisible();

  await expect(parent.getByRole('list', { name: 'Messages' }).getByText(reply)).toBeVisible({
    timeout: 8_000,
  });
  // Oldest first: the parent's message comes before the reply.
  const items = parent.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  const texts = await items.allTextContents();
  expect(texts.findIndex((t) => t.includes(hello))).toBeLessThan(
    texts.findIndex((t) => t.includes(reply)),
  );

  await parentContext.close();
  await teacherContext.close();
});

test('the parent sees when a reply can be expected, and the office number for anything urgent', async ({
  page,
  baseURL,
}) => {
  await openIvyThread(page);
  const id = page.url().split('/').pop();
  const expectation = page.locator('.reply-expectation');
  await expect(expectation).toContainText(/expect a reply by \w+ \d{1,2}:\d{2}/);
  await expect(expectation.getByRole('link', { name: 'Phone the office: 01632 960777' })).toHaveAttribute(
    'href',
    'tel:01632960777',
  );
  // The wording follows the real clock: out of hours it says when the teacher is back.
  const api = await staffApi(baseURL, DEMO.parent);
  const res = await api.get(`/api/v1/threads/${id}/reply-expectation`);
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  if (body.out_of_hours && body.back_at) {
    await expect(expectation).toContainText(
      `Mr Daly is back on ${body.back_at.label}; expect a reply by ${body.reply_by.label}.`,
    );
  } else {
    await expect(expectation).toContainText(`expect a reply by ${body.reply_by.label}.`);
  }
  await api.dispose();
});

test('an absence gets the office phone link, the server refusal keeps the draft, and Send anyway sends it', async ({
  page,
}) => {
  await openIvyThread(page);
  const stamp = Date.now();
  const absence = `Ivy won't be in school tomorrow, she has a dentist appointment ${stamp}`;
  const box = page.getByLabel('Message to Mr Daly');
  await box.fill(absence);

  const findings = page.locator('.findings');
  await expect(findings).toContainText('reported by phone to the office');
  // The absence finding's own link: after 17:00 an out-of-hours finding carries the office's number too.
  const absenceFinding = findings.getByRole('listitem').filter({ hasText: 'reported by phone to the office' });
  await expect(absenceFinding.getByRole('link', { name: /01632 960777/ })).toHaveAttribute(
    'href',
    'tel:01632960777',
  );
  const sendAnyway = page.getByRole('button', { name: 'Send anyway' });
  await expect(sendAnyway).toBeEnabled();

  // The first attempt reaches the server without its acknowledgement (as from an out-of-date app): the
  // real server re-checks and refuses, and nothing typed is lost.
  const pattern = '**/api/v1/threads/*/messages';
  await page.route(pattern, async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const body = JSON.parse(route.request().postData());
    expect(body.acknowledged).toContain('absence-to-office');
    return route.continue({ postData: JSON.stringify({ ...body, acknowledged: [] }) });
  });
  await sendAnyway.click();
  await expect(page.getByRole('alert')).toContainText("can't be sent as it is");
  await expect(box).toHaveValue(absence);
  await expect(findings).toContainText('reported by phone to the office');
  await page.unroute(pattern);

  await page.getByRole('button', { name: 'Send anyway' }).click();
  await expect(page.getByRole('list', { name: 'Messages' }).getByText(absence)).toBeVisible();
  await expect(box).toHaveValue('');
});
