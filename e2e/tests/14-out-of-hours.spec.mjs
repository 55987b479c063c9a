// Out of hours, the parent sees when the teacher is back and when to expect a reply, before sending. This
// runs against the second server `cargo xtask e2e` starts, whose clock is fixed at Saturday 14 March 2026,
// 10:00 in London (HOMETIME_FIXED_NOW), so the out-of-hours wording is exercised whatever the real time.
import { test, expect } from '@playwright/test';
import { DEMO, signIn } from './helpers.mjs';

const outOfHoursURL = process.env.OUT_OF_HOURS_URL;
if (!outOfHoursURL) {
  throw new Error(
    'OUT_OF_HOURS_URL is not set: run the journeys with `cargo xtask e2e`, which starts the fixed-clock server',
  );
}

// Another origin (its own port), so its own sign-in and session cookie.
test.use({ baseURL: outOfHoursURL });

test('out of hours, the parent sees when Mr Daly is back, the expected reply time and the office number', async ({
  page,
}) => {
  await signIn(page, DEMO.parent, '/parent');
  await page.getByRole('button', { name: 'Message Mr Daly about Ivy' }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Conversation with Mr Daly' })).toBeVisible();

  // Saturday morning: back on Monday at 8:00; "within 48 hours, working days only" is two working days
  // after Monday, so by the end of Wednesday's working day.
  const expectation = page.locator('.reply-expectation');
  await expect(expectation).toContainText(
    'Mr Daly is back on Monday at 8:00; expect a reply by Wednesday 17:00.',
  );
  await expect(expectation.getByRole('link', { name: 'Phone the office: 01632 960777' })).toHaveAttribute(
    'href',
    'tel:01632960777',
  );
  // Nothing has been sent: this is what the parent sees before sending.
  await expect(page.getByLabel('Message to Mr Daly')).toHaveValue('');
});
