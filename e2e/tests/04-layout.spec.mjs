// Journey 5: the home screens fit phones (360 px) and tablets (768 to 1366 px) without sideways scrolling.
import { test, expect } from '@playwright/test';
import {
  DEMO, signIn, openKestrelCode, signInPupil, staffApi, classByName, ensureCodeClosed,
} from './helpers.mjs';

const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1366, height: 1024 },
];

async function expectNoSidewaysScroll(page, what) {
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth, `${what} at ${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(innerWidth);
  }
}

test('sign-in screens fit every screen size', async ({ page }) => {
  for (const path of ['/sign-in', '/join', '/pupil']) {
    await page.goto(path);
    await expectNoSidewaysScroll(page, path);
  }
});

test('parent home fits every screen size', async ({ page }) => {
  await signIn(page, DEMO.parent, '/parent');
  await expectNoSidewaysScroll(page, 'parent home');
});

test('teacher home and class page fit every screen size', async ({ page, baseURL }) => {
  await signIn(page, DEMO.teacher, '/teacher');
  await expectNoSidewaysScroll(page, 'teacher home');
  const api = await staffApi(baseURL, DEMO.teacher);
  const kestrel = await classByName(api, 'Kestrel');
  await api.dispose();
  await page.goto(`/teacher/classes/${kestrel.id}`);
  await ensureCodeClosed(page);
  await page.getByRole('button', { name: 'Open pupil sign-in code' }).click();
  await expect(page.getByRole('button', { name: 'Close code' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'class page with the code open');
  await page.getByRole('button', { name: 'Close code' }).click();
});

test('leader home fits every screen size', async ({ page }) => {
  await signIn(page, DEMO.leader, '/leader');
  await expect(page.getByRole('list', { name: 'School figures' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'leader home');
});

test('pupil screens fit every screen size', async ({ page, baseURL }) => {
  const code = await openKestrelCode(baseURL);
  await page.goto('/pupil');
  await page.getByLabel('Class code').fill(code);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Which one is you?' })).toBeVisible();
  await expectNoSidewaysScroll(page, 'pupil picker');
  await signInPupil(page, code, 'Ivy');
  await expectNoSidewaysScroll(page, 'pupil home');
});
