// Journey 6: axe finds no serious or critical problems on the sign-in screens and every home screen.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO, signIn, openKestrelCode, signInPupil, staffApi, classByName } from './helpers.mjs';

async function expectAccessible(page, what) {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, what).toEqual([]);
}

test('sign-in screens', async ({ page }) => {
  for (const path of ['/sign-in', '/join', '/pupil']) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
  // With errors showing, too.
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectAccessible(page, 'sign-in with field errors');
});

test('parent home', async ({ page }) => {
  await signIn(page, DEMO.parent, '/parent');
  await expectAccessible(page, 'parent home');
});

test('teacher home and class page', async ({ page, baseURL }) => {
  await signIn(page, DEMO.teacher, '/teacher');
  await expect(page.getByRole('link', { name: 'Kestrel', exact: true })).toBeVisible();
  await expectAccessible(page, 'teacher home');
  const api = await staffApi(baseURL, DEMO.teacher);
  const kestrel = await classByName(api, 'Kestrel');
  await api.dispose();
  await page.goto(`/teacher/classes/${kestrel.id}`);
  await expect(page.getByRole('heading', { name: 'Pupils' })).toBeVisible();
  await expectAccessible(page, 'class page');
});

test('leader home', async ({ page }) => {
  await signIn(page, DEMO.leader, '/leader');
  await expect(page.getByRole('list', { name: 'School figures' })).toBeVisible();
  await expectAccessible(page, 'leader home');
});

test('pupil picker and pupil home', async ({ page, baseURL }) => {
  const code = await openKestrelCode(baseURL);
  await page.goto('/pupil');
  await page.getByLabel('Class code').fill(code);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Which one is you?' })).toBeVisible();
  await expectAccessible(page, 'pupil picker');
  await signInPupil(page, code, 'Ivy');
  await expectAccessible(page, 'pupil home');
});
