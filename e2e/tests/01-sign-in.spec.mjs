// Journey 1: each of the four kinds of people signs in through the real screens and lands on their own home.
import { test, expect } from '@playwright/test';
import { DEMO, signIn, openKestrelCode, signInPupil, ensureCodeClosed } from './helpers.mjs';

test('a parent signs in and sees their children', async ({ page }) => {
  await signIn(page, DEMO.parent, '/parent');
  await expect(page.getByRole('heading', { level: 1, name: 'Your children' })).toBeVisible();
  const children = page.getByRole('list', { name: 'Your children' });
  // Sam has a child in Kestrel (Ivy) and one in Robin.
  await expect(children.getByRole('heading', { level: 2, name: 'Ivy', exact: true })).toBeVisible();
  await expect(children.getByText('Kestrel')).toBeVisible();
  await expect(children.getByText('Robin')).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Brookfield Community Primary');

  // Another role's screen sends them back to their own home.
  await page.goto('/teacher');
  await expect(page).toHaveURL('/parent');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/sign-in');
  await page.goto('/parent');
  await expect(page).toHaveURL('/sign-in');
});

test('a teacher signs in and sees their class', async ({ page }) => {
  await signIn(page, DEMO.teacher, '/teacher');
  await expect(page.getByRole('heading', { level: 1, name: 'Your classes' })).toBeVisible();
  await page.getByRole('link', { name: 'Kestrel', exact: true }).click();
  await expect(page).toHaveURL(/\/teacher\/classes\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: /Kestrel/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite a parent for Ivy Fisher' })).toBeVisible();

  // The pupil sign-in code opens big, with its closing time, and closes again.
  await ensureCodeClosed(page);
  await page.getByLabel('Minutes to keep it open').fill('5');
  await page.getByRole('button', { name: 'Open pupil sign-in code' }).click();
  await expect(page.getByText(/^Open until \d\d:\d\d/)).toBeVisible();
  await page.getByRole('button', { name: 'Close code' }).click();
  await expect(page.getByRole('button', { name: 'Open pupil sign-in code' })).toBeVisible();
});

test('a leader signs in and sees the school overview', async ({ page }) => {
  await signIn(page, DEMO.leader, '/leader');
  await expect(page.getByRole('heading', { level: 1, name: 'School overview' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'School figures' })).toContainText('pupils');
  await expect(page.getByText('01632 960777')).toBeVisible();
  for (const name of ['Kestrel', 'Kingfisher', 'Robin']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
});

test('a pupil signs in with the class code and sees only their own monster and name', async ({ page, baseURL }) => {
  const code = await openKestrelCode(baseURL);
  await signInPupil(page, code, 'Ivy');
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Ivy!' })).toBeVisible();
  await expect(page.getByRole('img', { name: "Ivy's monster" })).toBeVisible();
  // Pupils have nowhere else to go: no links, nothing about messages.
  await expect(page.getByRole('main').getByRole('link')).toHaveCount(0);
  await expect(page.getByText(/message/i)).toHaveCount(0);

  await page.goto('/parent');
  await expect(page).toHaveURL('/pupil/home');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL('/pupil');
});

test('a wrong password says so and keeps the e-mail address', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(DEMO.parent);
  await page.getByLabel('Password').fill('not-the-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText("don't match an account");
  await expect(page.getByLabel('E-mail address')).toHaveValue(DEMO.parent);
});
