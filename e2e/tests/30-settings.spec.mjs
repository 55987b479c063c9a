// School settings as a headteacher uses them: a typo is pointed out beside the field, then the office's
// new number is saved, and a parent writing about an absence is sent to that new number at once.
import { test, expect } from '@playwright/test';
import { DEMO, signIn, staffApi } from './helpers.mjs';

const NEW_PHONE = '01632 960111';

test('the headteacher changes the office phone and a parent writing about an absence sees the new number', async ({
  browser,
  baseURL,
}) => {
  // The journeys share one database: put the settings back however this ends.
  const leaderApi = await staffApi(baseURL, DEMO.leader);
  const before = await (await leaderApi.get('/api/v1/school')).json();
  const { name: _name, ...original } = before;

  const leaderContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const parentContext = await browser.newContext();
  try {
    const head = await leaderContext.newPage();
    await signIn(head, DEMO.leader, '/leader');
    const settings = head.getByRole('region', { name: 'Change school settings' });
    await expect(settings.getByRole('heading', { name: 'Change school settings' })).toBeVisible();
    const phone = settings.getByLabel('Office phone', { exact: true });
    await expect(phone).toHaveValue(before.office_phone);
    const save = settings.getByRole('button', { name: 'Save school settings' });

    // A typo: the problem is shown beside the field and nothing is saved.
    await phone.fill('ring the bell');
    await save.click();
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.getByText('enter a UK phone number', { exact: false })).toBeVisible();
    expect((await (await leaderApi.get('/api/v1/school')).json()).office_phone).toBe(before.office_phone);

    await phone.fill(NEW_PHONE);
    await save.click();
    await expect(settings.getByRole('status')).toHaveText('Saved');
    await expect(phone).not.toHaveAttribute('aria-invalid', 'true');
    expect((await (await leaderApi.get('/api/v1/school')).json()).office_phone).toBe(NEW_PHONE);
    // Works on a 360 px phone: nothing wider than the screen.
    const width = await head.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);

    // A parent writes to the teacher about an absence: the guidance gives the new number.
    const parent = await parentContext.newPage();
    await signIn(parent, DEMO.parent, '/parent');
    await parent.getByRole('button', { name: 'Message Mr Daly about Ivy' }).click();
    await expect(parent).toHaveURL(/\/messages\/\d+$/);
    await parent.getByLabel('Message to Mr Daly').fill("she won't be in tomorrow, dentist");
    const findings = parent.locator('.findings');
    await expect(findings).toContainText('reported by phone to the office');
    // The absence finding's own link: after 17:00 an out-of-hours finding carries the office's number too.
    const absenceFinding = findings
      .getByRole('listitem')
      .filter({ hasText: 'reported by phone to the office' });
    await expect(absenceFinding.getByRole('link', { name: new RegExp(NEW_PHONE) })).toHaveAttribute(
      'href',
      `tel:${NEW_PHONE.replaceAll(' ', '')}`,
    );
    await expect(findings).not.toContainText(before.office_phone);
  } finally {
    const res = await leaderApi.put('/api/v1/school/settings', { data: original });
    expect(res.status(), 'settings restored').toBe(200);
    await leaderApi.dispose();
    await leaderContext.close();
    await parentContext.close();
  }
});
