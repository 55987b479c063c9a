// Journey 4: guessing class codes is slowed down, and the pupil is told how long to wait.
// Named to run last: once this address is rate-limited, pupil sign-in from it waits too.
import { test, expect } from '@playwright/test';

test('wrong class codes, typed again and again, are rate-limited with a wait time', async ({ page }) => {
  await page.goto('/pupil');
  const alert = page.getByRole('alert');
  let text = '';
  for (let attempt = 0; attempt < 40; attempt += 1) {
    // Well-formed codes, so each one really reaches the server.
    await page.getByLabel('Class code').fill(`ZZZ${String(attempt).padStart(3, '0')}`);
    const answered = page.waitForResponse((r) => r.url().includes('/api/v1/pupil-auth/class'));
    await page.getByRole('button', { name: 'Next' }).click();
    const response = await answered;
    await expect(alert).toBeVisible();
    if (response.status() === 429) {
      await expect(alert).toContainText('Too many tries');
      text = await alert.innerText();
      break;
    }
    expect(response.status()).toBe(400);
    await expect(alert).toContainText("That code didn't work");
  }
  expect(text).toMatch(/Please wait \d+ (second|minute|hour)s? and try again\./);
  // What was typed is still there to correct.
  await expect(page.getByLabel('Class code')).not.toHaveValue('');
});
