// Journey 2: a new parent joins with the invite code their child's teacher created, and lands on their home
// screen with that child.
import { test, expect } from '@playwright/test';
import { DEMO, staffApi, classByName, classDetail, createInvite, uniqueEmail } from './helpers.mjs';

test('a new parent joins with an invite code and sees their child', async ({ page, baseURL }) => {
  const teacher = await staffApi(baseURL, DEMO.teacher);
  const kestrel = await classByName(teacher, 'Kestrel');
  const { pupils } = await classDetail(teacher, kestrel.id);
  const pupil = pupils.find((p) => p.linked_adults < p.adult_limit);
  expect(pupil, 'a Kestrel pupil with room for another adult').toBeTruthy();
  const res = await createInvite(teacher, pupil.id);
  expect(res.status()).toBe(201);
  const { code } = await res.json();
  await teacher.dispose();

  await page.goto('/join');
  // Sending the empty form explains every field without losing anything.
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByText('Please enter the invite code from your letter.')).toBeVisible();
  await expect(page.getByLabel('Invite code')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Invite code').fill(code);
  await page.getByLabel('Your name').fill('Jordan Example');
  await page.getByLabel('E-mail address').fill(uniqueEmail('jordan'));
  await page.getByLabel('Choose a password').fill('Kestrel2026');
  await page.getByRole('button', { name: 'Create my account' }).click();

  await expect(page).toHaveURL('/parent');
  const children = page.getByRole('list', { name: 'Your children' });
  await expect(children.getByRole('heading', { name: new RegExp(pupil.preferred_name || pupil.first_name) })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Jordan Example');
});

test('an unknown invite code is refused with a clear message', async ({ page }) => {
  await page.goto('/join');
  await page.getByLabel('Invite code').fill('ZZZZZ-ZZZZZ');
  await page.getByLabel('Your name').fill('Robin Example');
  await page.getByLabel('E-mail address').fill(uniqueEmail('robin'));
  await page.getByLabel('Choose a password').fill('Kestrel2026');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('alert')).toContainText("That invite code isn't working");
  await expect(page.getByLabel('Your name')).toHaveValue('Robin Example');
});
