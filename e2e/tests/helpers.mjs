// Shared steps for the journeys: the demo school's sign-ins, and the staff actions a test needs done
// through the API (as a teacher's or leader's own session) before a person does the part under test.
import { expect, request } from '@playwright/test';

export const PASSWORD = 'Brookfield2026';
export const DEMO = {
  parent: 'sam.fisher@example.com',
  teacher: 'daly@brookfield.example.sch.uk',
  leader: 'head@brookfield.example.sch.uk',
};

/** Signs in through the real form, as a person would, and waits for that person's home screen. */
export async function signIn(page, email, home) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(home);
}

/** A separate API session (its own cookie jar) for a member of staff. */
export async function staffApi(baseURL, email) {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  expect(res.status(), `sign-in for ${email}`).toBe(200);
  return api;
}

export async function classByName(api, name) {
  const res = await api.get('/api/v1/classes');
  expect(res.ok()).toBeTruthy();
  const found = (await res.json()).find((c) => c.name.startsWith(name));
  expect(found, `class ${name}`).toBeTruthy();
  return found;
}

export async function classDetail(api, id) {
  const res = await api.get(`/api/v1/classes/${id}`);
  expect(res.ok()).toBeTruthy();
  return res.json();
}

/** Opens Kestrel's pupil sign-in code for ten minutes and returns it as shown to pupils. */
export async function openKestrelCode(baseURL) {
  const teacher = await staffApi(baseURL, DEMO.teacher);
  const kestrel = await classByName(teacher, 'Kestrel');
  const res = await teacher.post(`/api/v1/classes/${kestrel.id}/pupil-code`, { data: { minutes: 10 } });
  expect(res.ok()).toBeTruthy();
  const { code } = await res.json();
  await teacher.dispose();
  return code;
}

/** A pupil signs in: types the class code, then taps their own monster. */
export async function signInPupil(page, code, name = 'Ivy') {
  await page.goto('/pupil');
  await page.getByLabel('Class code').fill(code);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByRole('heading', { name: 'Which one is you?' })).toBeVisible();
  await page.getByRole('button', { name, exact: true }).click();
  await expect(page).toHaveURL('/pupil/home');
}

/** Creates an invite code for a pupil as the given staff session. */
export async function createInvite(api, pupilId) {
  return api.post(`/api/v1/pupils/${pupilId}/invites`);
}

export function uniqueEmail(prefix) {
  return `${prefix}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.com`;
}

export function fullName(p) {
  return p.preferred_name && p.preferred_name !== p.first_name
    ? `${p.preferred_name} (${p.first_name}) ${p.surname}`
    : `${p.first_name} ${p.surname}`;
}

/** On a class page, closes the pupil sign-in code if another journey left one open. */
export async function ensureCodeClosed(page) {
  const close = page.getByRole('button', { name: 'Close code' });
  const open = page.getByRole('button', { name: 'Open pupil sign-in code' });
  await expect(close.or(open)).toBeVisible();
  if (await close.isVisible()) await close.click();
  await expect(open).toBeVisible();
}
