// Photo consent and parents' own photos, as people use them: the office marks a pupil "No" and the
// teacher's tag picker then says so; a parent sends a photo of their child privately to the teacher, who
// sees it load; and a parent who picks a photo in class chat is stopped before anything is uploaded and
// taken to the private thread with the photo. The demo school is put back as it was.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { DEMO, signIn, staffApi, classByName } from './helpers.mjs';

const OFFICE = 'carver@brookfield.example.sch.uk';

/** A real JPEG, drawn by the browser itself (no fixture files, no npm packages). */
async function jpeg(page, label = 'painting') {
  const base64 = await page.evaluate(async (text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const g = canvas.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 320, 240);
    grad.addColorStop(0, '#f4a259');
    grad.addColorStop(1, '#1f6f78');
    g.fillStyle = grad;
    g.fillRect(0, 0, 320, 240);
    g.fillStyle = '#ffffff';
    g.font = '32px sans-serif';
    g.fillText(text, 20, 130);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, label);
  return { name: `${label}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') };
}

/** Chooses files through the real "Add photo" button and the browser's file chooser. */
async function addPhotos(page, files) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add photo', exact: true }).click();
  await (await chooser).setFiles(files);
}

/** Every image in `locator` has loaded real pixels. */
async function expectLoaded(locator) {
  await expect(locator.first()).toBeVisible();
  await expect
    .poll(() => locator.evaluateAll((imgs) => imgs.every((i) => i.complete && i.naturalWidth > 0)))
    .toBe(true);
}

/** axe finds no serious or critical problems on the page as it is now. */
async function expectAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, what).toEqual([]);
}

async function openIvyThread(page) {
  await signIn(page, DEMO.parent, '/parent');
  await page.getByRole('button', { name: 'Message Mr Daly about Ivy' }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Conversation with Mr Daly' })).toBeVisible();
}

test('the office marks a pupil "No" and the teacher\'s tag picker shows "No photo permission"', async ({
  browser,
  baseURL,
}) => {
  const office = await staffApi(baseURL, OFFICE);
  const kestrel = await classByName(office, 'Kestrel');
  const records = await (await office.get(`/api/v1/consent?class_id=${kestrel.id}`)).json();
  // A pupil who can be shown now (not Ivy, whom other journeys use), chosen by what the server says.
  const pupil = records.filter((p) => p.status === 'may_be_shown' && p.first_name !== 'Ivy').at(-1);
  expect(pupil, 'a Kestrel pupil who may be shown').toBeTruthy();
  const fullName = `${pupil.first_name} ${pupil.surname}`;
  const original = {
    photo_consent: pupil.photo_consent,
    looked_after: pupil.looked_after,
    do_not_show: pupil.do_not_show,
  };

  const officeContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    const page = await officeContext.newPage();
    await signIn(page, OFFICE, '/teacher');
    await page.getByRole('link', { name: 'Photo consent records' }).click();
    await expect(page).toHaveURL('/photo-consent');
    await expect(page.getByRole('heading', { name: 'Photo consent', level: 1 })).toBeVisible();
    await page.getByLabel('Class').selectOption({ label: kestrel.name });
    // What each choice means, in plain words.
    await page.getByText('What the choices mean').click();
    await expect(
      page.locator('.consent-explainer').getByText('Never shown: this child will never appear in any photo, even shared privately.').first(),
    ).toBeVisible();

    const row = page.getByRole('group', { name: fullName });
    await expect(row.getByLabel('Yes')).toBeChecked();
    const counts = page.locator('.consent-counts');
    const before = Number((await counts.locator('strong').textContent()).match(/\d+/)?.[0] ?? 0);

    // A failed save keeps the edit on screen and says so; "Try again" then saves it.
    const pattern = `**/api/v1/pupils/${pupil.pupil_id}/consent`;
    await page.route(pattern, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'internal', message: 'unavailable' }),
      }),
    );
    await row.getByLabel('No', { exact: true }).check();
    await expect(row.getByRole('alert')).toContainText('Please try again');
    await expect(row.getByRole('status')).toHaveText('Not saved');
    await expect(row.getByLabel('No', { exact: true })).toBeChecked();
    await page.unroute(pattern);
    await row.getByRole('button', { name: 'Try again' }).click();
    await expect(row.getByRole('status')).toHaveText('Saved');
    await expect(row.getByText('No photo permission')).toBeVisible();
    const after = before + 1;
    await expect(counts.locator('strong')).toHaveText(`${after} ${after === 1 ? 'pupil' : 'pupils'} can't be shown`);
    // Works on a 360 px phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'photo-consent page');

    // The server agrees, and a teacher now sees the pupil as one who can't be shown.
    const saved = (await (await office.get(`/api/v1/consent?class_id=${kestrel.id}`)).json()).find(
      (p) => p.pupil_id === pupil.pupil_id,
    );
    expect(saved.photo_consent).toBe('no');
    expect(saved.status).toBe('no_consent');

    const teacher = await teacherContext.newPage();
    await signIn(teacher, DEMO.teacher, '/teacher');
    const res = await teacher.request.get(`/api/v1/classes/${kestrel.id}/tag-candidates`);
    expect(res.ok()).toBeTruthy();
    const candidate = (await res.json()).find((c) => c.pupil_id === pupil.pupil_id);
    expect(candidate.status).toBe('no_consent');
    // The tag picker on the Class Story's composer shows it at once.
    await teacher.goto(`/stories/class/${kestrel.id}`);
    await teacher.locator('input[type=file]').first().setInputFiles(await jpeg(teacher, 'trip'));
    await expect(
      teacher.getByRole('button', { name: new RegExp(`${candidate.preferred_name}.*No photo permission`) }),
    ).toBeVisible();
  } finally {
    const res = await office.put(`/api/v1/pupils/${pupil.pupil_id}/consent`, { data: original });
    expect(res.status(), 'consent restored').toBe(200);
    await office.dispose();
    await officeContext.close();
    await teacherContext.close();
  }
});

test('a parent sends a photo privately to the teacher, who sees it load; a bad file keeps the draft', async ({
  browser,
}) => {
  const parentContext = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const teacherContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  try {
    const parent = await parentContext.newPage();
    await openIvyThread(parent);
    const box = parent.getByLabel('Message to Mr Daly');
    const text = `Ivy finished her painting at home this weekend ${Date.now()}`;
    await box.fill(text);

    // A file that is not a photo is refused on the device, named, and the draft stays.
    await addPhotos(parent, [{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
    await expect(parent.locator('.photo-refusals')).toContainText('“notes.txt” isn\'t a photo');
    await expect(box).toHaveValue(text);

    // Text pretending to be a JPEG passes the device's check; the server reads the bytes and says no,
    // and nothing typed or chosen is lost.
    await addPhotos(parent, [{ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a jpeg at all') }]);
    await parent.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(parent.locator('.composer .notice-error')).toContainText("isn't a photo Hometime can use");
    await expect(box).toHaveValue(text);
    await expect(parent.locator('.photo-preview-refused')).toHaveCount(1);
    await parent.getByRole('button', { name: /^Remove photo 1/ }).click();

    await addPhotos(parent, [await jpeg(parent, 'painting')]);
    const previews = parent.getByRole('list', { name: 'Photos to send' }).getByRole('img');
    await expect(previews).toHaveCount(1);
    await parent.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(box).toHaveValue('');
    await expect(previews).toHaveCount(0);
    const mine = parent.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });
    await expectLoaded(mine.getByRole('img', { name: 'Photo from you' }));
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(parent, 'thread with a photo');
    const threadPath = new URL(parent.url()).pathname;

    // The teacher opens the thread and the photo loads; tapping it shows the display size, with no
    // download control, and Escape closes it.
    const teacher = await teacherContext.newPage();
    await signIn(teacher, DEMO.teacher, '/teacher');
    await teacher.goto(threadPath);
    const theirs = teacher.getByRole('list', { name: 'Messages' }).getByRole('listitem').filter({ hasText: text });
    const thumb = theirs.getByRole('img', { name: 'Photo from Sam Fisher' });
    await expectLoaded(thumb);
    await expect(thumb).toHaveAttribute('draggable', 'false');
    await theirs.getByRole('button', { name: 'Open photo from Sam Fisher' }).click();
    const dialog = teacher.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expectLoaded(dialog.getByRole('img'));
    await expect(dialog.locator('a[download], a[href*="download"]')).toHaveCount(0);
    await teacher.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  } finally {
    await parentContext.close();
    await teacherContext.close();
  }
});

test('a parent who picks a photo in class chat is stopped before anything is uploaded and taken to the private thread with it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signIn(page, DEMO.parent, '/parent');
  await page.getByRole('link', { name: /^Kestrel class chat/ }).click();
  await expect(page).toHaveURL(/\/chat\/\d+$/);
  const posted = [];
  page.on('request', (r) => {
    if (r.method() !== 'GET') posted.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });

  await addPhotos(page, [await jpeg(page, 'sports day')]);
  const block = page.locator('.photo-block[data-rule="photo-in-shared-space"]');
  await expect(block).toBeVisible();
  await expect(block).toContainText("Photos of children can't be posted where other families can see them");
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
  expect(posted, 'nothing is sent when a photo is picked').toEqual([]);
  await expectAccessible(page, 'class chat with the photo block');

  await block.getByRole('button', { name: 'Send it privately to the teacher' }).click();
  await expect(page).toHaveURL(/\/messages\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Conversation with Mr Daly' })).toBeVisible();
  const carried = page.getByRole('list', { name: 'Photos to send' }).getByRole('img');
  await expect(carried).toHaveCount(1);
  await expectLoaded(carried);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
  // Only opening the private thread went to the server: no chat message and no upload.
  expect(posted.filter((p) => !p.endsWith('/threads') && !p.endsWith('/read'))).toEqual([]);
});
