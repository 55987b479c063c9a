// The messaging screens on a 360 px phone and a tablet: nothing wider than the screen, controls big enough
// to tap, and axe finds no serious or critical problems with findings showing under the composer.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO, signIn } from './helpers.mjs';

async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, what).toEqual([]);
}

async function expectFits(page, what) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${what}: horizontal overflow`).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('.composer button, .finding a, .message-moderation button')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ text: el.textContent.trim(), h: el.getBoundingClientRect().height }))
      .filter((b) => b.h < 44),
  );
  expect(small, `${what}: touch targets under 44 px`).toEqual([]);
}

test('parent thread and class chat at 360 px, with findings showing', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, DEMO.parent, '/parent');
  await page.getByRole('button', { name: 'Message Mr Daly about Ivy' }).click();
  await expect(page.getByLabel('Message to Mr Daly')).toBeVisible();
  await page
    .getByLabel('Message to Mr Daly')
    .fill("Ivy is off sick today with a temperature, and I'm not happy with how her reading is going");
  await expect(page.locator('.finding').first()).toBeVisible();
  await expectFits(page, 'thread');
  await expectAccessible(page, 'thread with findings');

  await page.goto('/parent');
  await page.getByRole('link', { name: /^Kestrel class chat/ }).click();
  await page.getByLabel('Message to the class').fill('Did Priya leave her coat at the park? Call me on 07700 900123');
  await expect(page.locator('.finding-block').first()).toBeVisible();
  await expectFits(page, 'class chat');
  await expectAccessible(page, 'class chat with a block');
});

test('teacher inbox and class chat on a tablet', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, DEMO.teacher, '/teacher');
  await page.getByRole('link', { name: /^Inbox/ }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();
  await expectFits(page, 'inbox');
  await expectAccessible(page, 'inbox');
  await page.goto('/teacher');
  await page.getByRole('link', { name: /^Kestrel class chat/ }).click();
  await expect(page.getByLabel('Message to the class')).toBeVisible();
  await expectFits(page, 'teacher class chat');
  await expectAccessible(page, 'teacher class chat');
});
