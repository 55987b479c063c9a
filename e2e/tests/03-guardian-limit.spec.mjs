// Journey 3: a pupil with two linked adults cannot get a third, until a leader approves one more with a reason.
import { test, expect } from '@playwright/test';
import {
  DEMO, signIn, staffApi, classByName, classDetail, createInvite, uniqueEmail, fullName,
} from './helpers.mjs';

test('a third adult needs a leader to approve one more', async ({ browser, baseURL }) => {
  const teacherApi = await staffApi(baseURL, DEMO.teacher);
  const kestrel = await classByName(teacherApi, 'Kestrel');
  const { pupils } = await classDetail(teacherApi, kestrel.id);
  const pupil = pupils.find((p) => p.linked_adults === 2 && p.adult_limit === 2);
  expect(pupil, 'a Kestrel pupil with two linked adults').toBeTruthy();
  const name = fullName(pupil);

  // The teacher tries to invite a third adult and is told why not.
  const teacher = await browser.newPage();
  await signIn(teacher, DEMO.teacher, '/teacher');
  await teacher.goto(`/teacher/classes/${kestrel.id}`);
  await teacher.getByRole('button', { name: `Invite a parent for ${name}` }).click();
  await expect(teacher.getByRole('alert')).toContainText(`${name} already has as many linked adults as allowed`);
  await teacher.close();

  // A leader approves one more, with a reason.
  const leader = await browser.newPage();
  await signIn(leader, DEMO.leader, '/leader');
  await leader.getByLabel('Class', { exact: true }).selectOption({ label: kestrel.name });
  await leader.getByLabel('Pupil', { exact: true }).selectOption({ label: `${name} (2 of 2 adults linked)` });
  await leader.getByLabel('Reason (kept on record)').fill('Step-parent with parental responsibility');
  await leader.getByRole('button', { name: 'Approve one more adult' }).click();
  await expect(leader.getByRole('status').filter({ hasText: 'Approved.' })).toContainText(name);
  await leader.close();

  // Now an invite can be made, and the third adult joins.
  const res = await createInvite(teacherApi, pupil.id);
  expect(res.status()).toBe(201);
  const { code } = await res.json();
  await teacherApi.dispose();

  const third = await browser.newPage();
  await third.goto('/join');
  await third.getByLabel('Invite code').fill(code);
  await third.getByLabel('Your name').fill('Casey Example');
  await third.getByLabel('E-mail address').fill(uniqueEmail('casey'));
  await third.getByLabel('Choose a password').fill('Kestrel2026');
  await third.getByRole('button', { name: 'Create my account' }).click();
  await expect(third).toHaveURL('/parent');
  await expect(third.getByRole('list', { name: 'Your children' })).toContainText(pupil.preferred_name || pupil.first_name);
  await third.close();
});
