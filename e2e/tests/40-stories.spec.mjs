// Stories as teachers and families use them: a Class Story with a photo reaches that class's families
// (and no one else's), a photo of a child who may not be shown stops the shared post and offers the
// private route, a like survives a reload, and a corrupt file is refused with the draft kept. Pupils are
// chosen by what the tag-candidates endpoint says about them, not by fixed ids.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO, signIn, staffApi, classByName } from './helpers.mjs';
import { pngFile, notAPhoto } from './images.mjs';

const ALEX = 'alex.lane@example.com';
// A seeded parent whose only child is in Kingfisher (checked below through their own /me).
const KINGFISHER_PARENT = 'parent.41@example.com';

async function kestrelAndCandidates(baseURL) {
  const teacher = await staffApi(baseURL, DEMO.teacher);
  const kestrel = await classByName(teacher, 'Kestrel');
  const res = await teacher.get(`/api/v1/classes/${kestrel.id}/tag-candidates`);
  expect(res.ok(), 'tag candidates').toBeTruthy();
  const candidates = await res.json();
  return { teacher, kestrel, candidates };
}

/** The teacher's Class Story page, reached as a teacher would: home, the class, "Class Story". */
async function openKestrelStory(page) {
  await signIn(page, DEMO.teacher, '/teacher');
  await page.getByRole('link', { name: 'Kestrel', exact: true }).click();
  await page.getByRole('link', { name: 'Class Story', exact: true }).click();
  await expect(page).toHaveURL(/\/stories\/class\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Kestrel Class Story' })).toBeVisible();
}

/** axe finds no serious or critical WCAG 2.1 AA problems on the screen as it is now. */
async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, what).toEqual([]);
}

function photoGroup(page, n) {
  return page.getByRole('group', { name: `Who is in photo ${n}?` });
}

async function tag(page, n, name) {
  await photoGroup(page, n)
    .getByRole('button', { name: new RegExp(`^${name}\\b`) })
    .click();
}

function waitForPost(page) {
  return page.waitForResponse((r) => r.url().endsWith('/api/v1/stories') && r.request().method() === 'POST');
}

async function storyIds(api, query = '') {
  const res = await api.get(`/api/v1/stories${query}`);
  expect(res.ok()).toBeTruthy();
  return (await res.json()).stories.map((s) => s.id);
}

async function parentApi(baseURL, email) {
  return staffApi(baseURL, email);
}

test('a teacher posts a class story with a tagged photo; a Kestrel parent sees it load and another class does not', async ({
  browser,
  baseURL,
}) => {
  const { teacher: teacherApi, candidates } = await kestrelAndCandidates(baseURL);
  const ivy = candidates.find((c) => c.preferred_name === 'Ivy');
  expect(ivy?.status, 'Ivy may be shown').toBe('may_be_shown');

  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await teacherContext.newPage();
  await openKestrelStory(page);
  const text = `Relay practice for sports day went brilliantly ${Date.now()}`;
  await page.getByLabel('Write a post for the Kestrel Class Story').fill(text);
  await page.getByLabel('Add photos').setInputFiles([pngFile('relay.png')]);
  await expect(page.getByRole('img', { name: "Photo 1 you're adding" })).toBeVisible();
  const post = page.getByRole('button', { name: 'Post', exact: true });
  // An untagged photo cannot go to the shared feed.
  await expect(photoGroup(page, 1)).toContainText('Tag the children in this photo first');
  await expect(post).toBeDisabled();
  await tag(page, 1, 'Ivy');
  await expect(photoGroup(page, 1).getByRole('button', { name: /^Ivy\b/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(post).toBeEnabled();
  const [posted] = await Promise.all([waitForPost(page), post.click()]);
  expect(posted.status()).toBe(201);
  const story = await posted.json();
  expect(story.photos).toHaveLength(1);
  const card = page.getByRole('article').filter({ hasText: text });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Tagged: Ivy');
  // The draft is cleared once the post is stored.
  await expect(page.getByLabel('Write a post for the Kestrel Class Story')).toHaveValue('');

  // Sam Fisher (Ivy's parent) on a phone: Stories from the home screen, the photo loads.
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const parent = await parentContext.newPage();
  await signIn(parent, DEMO.parent, '/parent');
  await parent.getByRole('link', { name: 'Stories', exact: true }).click();
  await expect(parent).toHaveURL('/stories');
  await expect(parent.getByText("What's posted here stays here")).toBeVisible();
  const seen = parent.getByRole('article').filter({ hasText: text });
  await expect(seen).toBeVisible();
  await expect(seen).toContainText('Kestrel Class Story');
  await expect(seen).toContainText('Your child is in this photo');
  await expect(seen).not.toContainText('Tagged:');
  const thumb = seen.getByRole('img', { name: /^Photo 1 of 1 from .+'s post$/ });
  await expect(thumb).toHaveAttribute('draggable', 'false');
  await expect.poll(() => thumb.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await expectAccessible(parent, 'the family feed on a phone');
  // No download control for families by default.
  await expect(seen.getByRole('link', { name: 'Download' })).toHaveCount(0);
  // The lightbox shows the display size, closes on Escape.
  await seen.getByRole('button', { name: 'Open photo 1 of 1 full size' }).click();
  const dialog = parent.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const large = dialog.getByRole('img', { name: /^Photo 1 of 1 from/ });
  await expect.poll(() => large.evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await parent.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The page fits a 360 px phone.
  const overflow = await parent.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // A parent whose child is in another class sees neither the post nor its photo.
  const other = await parentApi(baseURL, KINGFISHER_PARENT);
  const me = await (await other.get('/api/v1/me')).json();
  expect(me.children.length).toBeGreaterThan(0);
  expect(me.children.every((c) => c.class_name !== 'Kestrel')).toBeTruthy();
  expect(await storyIds(other)).not.toContain(story.id);
  expect((await other.get(story.photos[0].url)).status()).toBe(404);
  const otherContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const otherPage = await otherContext.newPage();
  await signIn(otherPage, KINGFISHER_PARENT, '/parent');
  await otherPage.goto('/stories');
  await expect(otherPage.getByRole('heading', { level: 1, name: 'Stories' })).toBeVisible();
  await expect(otherPage.getByText('Loading stories…')).toHaveCount(0);
  await expect(otherPage.getByText(text)).toHaveCount(0);

  // The teacher takes it down (after a confirmation), and the family stops seeing it.
  await card.getByRole('button', { name: 'Take down' }).click();
  await card.getByRole('button', { name: 'Yes, take it down' }).click();
  await expect(page.getByText(text)).toHaveCount(0);
  const sam = await parentApi(baseURL, DEMO.parent);
  expect(await storyIds(sam)).not.toContain(story.id);

  for (const api of [teacherApi, other, sam]) await api.dispose();
  for (const c of [teacherContext, parentContext, otherContext]) await c.close();
});

test("tagging a child without photo permission blocks the shared post, names them, and the private route reaches only the permitted child's family", async ({
  browser,
  baseURL,
}) => {
  const { teacher: teacherApi, candidates } = await kestrelAndCandidates(baseURL);
  const ivy = candidates.find((c) => c.preferred_name === 'Ivy' && c.status === 'may_be_shown');
  const noConsent = candidates.find((c) => c.status === 'no_consent');
  expect(ivy, 'a Kestrel pupil who may be shown').toBeTruthy();
  expect(noConsent, 'a Kestrel pupil whose family said no').toBeTruthy();

  const teacherContext = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await teacherContext.newPage();
  await openKestrelStory(page);
  const text = `Our class assembly rehearsal this morning ${Date.now()}`;
  await page.getByLabel('Write a post for the Kestrel Class Story').fill(text);
  await page.getByLabel('Add photos').setInputFiles([pngFile('assembly.png', 2)]);
  const group = photoGroup(page, 1);
  await expect(group.getByRole('button', { name: new RegExp(`^${noConsent.preferred_name}\\b`) })).toContainText(
    'No photo permission',
  );
  await tag(page, 1, 'Ivy');
  await tag(page, 1, noConsent.preferred_name);

  // At once, before anything is uploaded: the engine's photo-consent block names the child.
  const block = page.locator('.finding-block[data-rule="photo-consent"]');
  await expect(block).toContainText(noConsent.preferred_name);
  await expect(page.getByRole('button', { name: 'Post', exact: true })).toBeDisabled();
  await expect(page.locator('#story-reason')).toContainText(noConsent.preferred_name);
  await expectAccessible(page, 'the story composer with a photo, tags and a block');

  await page.getByRole('button', { name: 'Share privately with the families of Ivy instead' }).click();
  const confirm = page.getByRole('group', { name: 'Share privately?' });
  await expect(confirm).toContainText("Only Ivy's family and school staff will see this post");
  const [posted] = await Promise.all([waitForPost(page), confirm.getByRole('button', { name: 'Yes, share privately' }).click()]);
  expect(posted.status()).toBe(201);
  const story = await posted.json();
  expect(story.private).toBe(true);
  const card = page.getByRole('article').filter({ hasText: text });
  await expect(card).toContainText('Shared privately with some families');

  // Ivy's family sees it, marked as shared privately; Ruby's family (same class) does not.
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const parent = await parentContext.newPage();
  await signIn(parent, DEMO.parent, '/parent');
  await parent.goto('/stories');
  const seen = parent.getByRole('article').filter({ hasText: text });
  await expect(seen).toContainText('Shared privately with you');
  const alex = await parentApi(baseURL, ALEX);
  expect(await storyIds(alex)).not.toContain(story.id);

  // Leave the feeds as they were for the other journeys.
  expect((await teacherApi.delete(`/api/v1/stories/${story.id}`)).status()).toBe(204);
  await alex.dispose();
  await teacherApi.dispose();
  await teacherContext.close();
  await parentContext.close();
});

test('a parent likes a post and the count goes up and survives a reload', async ({ page, baseURL }) => {
  const { teacher, kestrel } = await kestrelAndCandidates(baseURL);
  const text = `Thank you for all the harvest festival donations ${Date.now()}`;
  const res = await teacher.post('/api/v1/stories', {
    multipart: { story: JSON.stringify({ class_id: kestrel.id, body: text, photos: [] }) },
  });
  expect(res.status(), await res.text()).toBe(201);
  const story = await res.json();

  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, DEMO.parent, '/parent');
  await page.goto(`/stories/class/${kestrel.id}`);
  const card = page.getByRole('article').filter({ hasText: text });
  await expect(card).toContainText('No likes yet');
  const like = card.getByRole('button', { name: 'Like this post' });
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  const box = await like.boundingBox();
  expect(box.height).toBeGreaterThanOrEqual(44);
  const answered = page.waitForResponse((r) => r.url().endsWith(`/stories/${story.id}/like`));
  await like.click();
  await expect(card).toContainText('1 like');
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  // The server agreed (the optimistic count is not reverted) and remembers after a reload.
  expect((await answered).status()).toBe(200);
  await expect(card).toContainText('1 like');
  await page.reload();
  const again = page.getByRole('article').filter({ hasText: text });
  await expect(again).toContainText('1 like');
  await expect(again.getByRole('button', { name: 'Like this post' })).toHaveAttribute('aria-pressed', 'true');

  expect((await teacher.delete(`/api/v1/stories/${story.id}`)).status()).toBe(204);
  await teacher.dispose();
});

test('a corrupt file is refused with a clear message under it and the draft is kept', async ({ page, baseURL }) => {
  const { teacher, kestrel } = await kestrelAndCandidates(baseURL);
  await page.setViewportSize({ width: 1024, height: 768 });
  await openKestrelStory(page);
  const text = `Painting with autumn leaves ${Date.now()}`;
  const box = page.getByLabel('Write a post for the Kestrel Class Story');
  await box.fill(text);
  await page.getByLabel('Add photos').setInputFiles([pngFile('leaves.png', 1), notAPhoto('photo.jpg')]);
  await expect(page.getByText('2 of 10 photos')).toBeVisible();
  for (const n of [1, 2]) {
    await photoGroup(page, n).getByLabel('No children in this photo').check();
  }
  const [posted] = await Promise.all([waitForPost(page), page.getByRole('button', { name: 'Post', exact: true }).click()]);
  expect(posted.status()).toBeGreaterThanOrEqual(400);
  expect(posted.status()).toBeLessThan(500);

  const second = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('img', { name: "Photo 2 you're adding" }) });
  await expect(second.getByRole('alert')).toContainText(/Photo 2 isn't a picture Hometime can use/);
  await expect(page.getByRole('alert').first()).toBeVisible();
  // Everything is still there: the text, both photos, their tags.
  await expect(box).toHaveValue(text);
  await expect(page.getByText('2 of 10 photos')).toBeVisible();
  await expect(page.getByRole('img', { name: "Photo 1 you're adding" })).toBeVisible();
  await expect(photoGroup(page, 1).getByLabel('No children in this photo')).toBeChecked();
  // Nothing was stored.
  const res = await teacher.get(`/api/v1/stories?class_id=${kestrel.id}`);
  expect((await res.json()).stories.some((s) => s.body === text)).toBeFalsy();

  // Removing the bad file lets the rest go.
  await second.getByRole('button', { name: 'Remove photo 2' }).click();
  await expect(page.getByText('1 of 10 photos')).toBeVisible();
  const [ok] = await Promise.all([waitForPost(page), page.getByRole('button', { name: 'Post', exact: true }).click()]);
  expect(ok.status()).toBe(201);
  const story = await ok.json();
  await expect(page.getByRole('article').filter({ hasText: text })).toBeVisible();
  expect((await teacher.delete(`/api/v1/stories/${story.id}`)).status()).toBe(204);
  await teacher.dispose();
});
