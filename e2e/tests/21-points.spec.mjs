// Journeys for points and avatars (issue 5): a pupil changes their monster and the teacher's grid shows it;
// a teacher gives a point on a tablet and a parent on a phone sees it; a humiliating note is flagged as it
// is typed, before anything is sent.
import { test, expect } from '@playwright/test';
import { DEMO, signIn, openKestrelCode, signInPupil } from './helpers.mjs';

const TABLET = { width: 1024, height: 768 };
const PHONE = { width: 360, height: 740 };

async function openKestrelPoints(page) {
  await signIn(page, DEMO.teacher, '/teacher');
  await page.getByRole('link', { name: 'Kestrel', exact: true }).click();
  await page.getByRole('link', { name: 'Give points' }).click();
  await expect(page).toHaveURL(/\/teacher\/classes\/\d+\/points$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel points' })).toBeVisible();
}

test('a pupil changes their monster and the teacher sees it on the grid', async ({ browser, baseURL }) => {
  const pupilContext = await browser.newContext({ viewport: TABLET });
  const pupil = await pupilContext.newPage();
  const code = await openKestrelCode(baseURL);
  await signInPupil(pupil, code, 'Ivy');
  // The pupil app has two screens, reached from the tab bar.
  const tabs = pupil.getByRole('navigation', { name: 'My screens' });
  await tabs.getByRole('link', { name: /My monster/ }).click();
  await expect(pupil).toHaveURL('/pupil/avatar');
  await pupil.getByRole('button', { name: 'Body 4' }).click();
  await pupil.getByRole('button', { name: 'Hat 5' }).click();
  await pupil.getByRole('button', { name: 'Turquoise' }).click();
  await pupil.getByRole('button', { name: 'Save' }).click();
  await expect(pupil.getByRole('status').filter({ hasText: 'Saved!' })).toBeVisible();
  await tabs.getByRole('link', { name: /My points/ }).click();
  await expect(pupil.getByRole('heading', { name: /points$/ })).toBeVisible();
  await pupilContext.close();

  const teacherContext = await browser.newContext({ viewport: TABLET });
  const teacher = await teacherContext.newPage();
  await openKestrelPoints(teacher);
  const ivy = teacher.getByRole('button', { name: /^Ivy, / });
  await expect(ivy.locator('[data-avatar]')).toHaveAttribute('data-avatar', /^b3-e\d-m\d-a4-#00cec9$/);
  await teacherContext.close();
});

test('a teacher gives a point on a tablet and the parent sees it on a phone', async ({ browser }) => {
  const teacherContext = await browser.newContext({ viewport: TABLET });
  const teacher = await teacherContext.newPage();
  await openKestrelPoints(teacher);
  const note = `Read to the class with a clear voice (${Date.now() % 100000}).`;
  await teacher.getByRole('button', { name: /^Ivy, / }).click();
  await expect(teacher.getByRole('heading', { name: 'Give Ivy a point' })).toBeVisible();
  await teacher.getByLabel('Note for the family (optional)').fill(note);
  await teacher.getByRole('button', { name: 'Great listening' }).click();
  await expect(teacher.getByText('Point given: Great listening')).toBeVisible();
  await expect(teacher.getByRole('button', { name: 'Undo' })).toBeVisible();
  await teacherContext.close();

  const parentContext = await browser.newContext({ viewport: PHONE });
  const parent = await parentContext.newPage();
  await signIn(parent, DEMO.parent, '/parent');
  const ivyPoints = parent.getByRole('region', { name: "Ivy's points" });
  await expect(ivyPoints.getByText(note)).toBeVisible();
  await expect(ivyPoints.getByText('Great listening').first()).toBeVisible();
  // Nothing spills sideways on a 360 px phone.
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await parentContext.close();
});

test('a humiliating note is flagged as the teacher types it, before sending', async ({ browser }) => {
  const context = await browser.newContext({ viewport: TABLET });
  const page = await context.newPage();
  let awards = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/classes\/\d+\/points$/.test(r.url())) awards += 1;
  });
  await openKestrelPoints(page);
  await page.getByRole('button', { name: /^Ruby, / }).click();
  await page.getByLabel('Note for the family (optional)').pressSequentially('she is so lazy and useless');
  const finding = page.locator('[data-rule="behaviour-comment-negative"]');
  await expect(finding).toBeVisible();
  await expect(finding).toContainText('Families see this note');
  await expect(page.getByLabel('Keep my note as it is')).toBeVisible();
  expect(awards).toBe(0);
  // Rewording it factually clears the warning.
  await page.getByLabel('Note for the family (optional)').fill('Needed two reminders to stay on task.');
  await expect(finding).toHaveCount(0);
  await context.close();
});

test('the points screens have no serious accessibility problems', async ({ browser, baseURL }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const check = async (page, what) => {
    const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = violations.filter((v) => ['serious', 'critical'].includes(v.impact));
    expect(serious.map((v) => `${v.id}: ${v.help}`), what).toEqual([]);
  };
  const context = await browser.newContext({ viewport: TABLET });
  const page = await context.newPage();
  await openKestrelPoints(page);
  await page.getByRole('button', { name: /^Ivy, / }).click();
  await check(page, 'points grid with the give panel open');
  await page.getByRole('link', { name: 'Class display' }).first().click();
  await expect(page.getByRole('list', { name: "Pupils' points" })).toBeVisible();
  await check(page, 'class display');
  await context.close();

  const pupilContext = await browser.newContext({ viewport: PHONE });
  const pupil = await pupilContext.newPage();
  await signInPupil(pupil, await openKestrelCode(baseURL), 'Ivy');
  await check(pupil, 'pupil points');
  await pupil.goto('/pupil/avatar');
  await expect(pupil.getByRole('button', { name: 'Save' })).toBeVisible();
  await check(pupil, 'avatar editor');
  await pupilContext.close();
});
