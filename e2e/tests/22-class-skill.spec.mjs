// A teacher adds a skill just for their class from the points page, and can give a point for it at once.
import { test, expect } from '@playwright/test';
import { DEMO, signIn } from './helpers.mjs';

test('a teacher adds a class skill and gives a point for it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await signIn(page, DEMO.teacher, '/teacher');
  await page.getByRole('link', { name: 'Kestrel', exact: true }).click();
  await page.getByRole('link', { name: /Give points/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /points$/ })).toBeVisible();

  const skill = `Phonics star ${Date.now() % 100000}`;
  await page.getByLabel('New class skill').fill(skill);
  await page.getByRole('button', { name: 'Add skill' }).click();
  await expect(page.getByText('Skill added for this class.')).toBeVisible();

  await page.getByRole('button', { name: /^Ruby, / }).click();
  await expect(page.getByRole('heading', { name: 'Give Ruby a point' })).toBeVisible();
  await page.getByRole('button', { name: skill }).click();
  await expect(page.getByText(`Point given: ${skill}`)).toBeVisible();
  await context.close();
});
