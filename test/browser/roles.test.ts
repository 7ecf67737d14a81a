import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../lib/auth/api-keys';
import { useDatabase } from '../../lib/db/client';
import { useApiStack } from '../support/stack';
import { useBrowser } from './support/browser';

const SOON = { timeout: 10_000 };

describe('the dashboard with keys, in Chromium against the local stack', () => {
  const api = useApiStack({ auth: 'required' });
  const browser = useBrowser('en-US');
  const page = () => browser.page;
  const useKey = async (key: string) => {
    const field = page().getByLabel('API key');
    await field.fill(key);
    await field.press('Enter');
  };

  it('shows a viewer everything and lets them change nothing; an admin’s key gives the controls back', async () => {
    useDatabase(api.db);
    const admin = (await createApiKey('admin e2e')).key;
    const asAdmin = { authorization: `Bearer ${admin}` };
    await api.request('POST', '/operators/', { name: 'Анна', max_load: 5 }, asAdmin);
    await api.request('POST', '/sources/', { name: 'Telegram Bot' }, asAdmin);
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 3 }, asAdmin);
    const viewer = (await createApiKey('wallboard', { role: 'viewer' })).key;

    await page().goto(`${api.url}/`);
    await useKey(viewer);
    await page().getByRole('note').filter({ hasText: 'viewer’s' }).waitFor();
    const cell = page().getByRole('spinbutton', { name: 'Weight of Анна for Telegram Bot' });
    await cell.waitFor();
    expect(await cell.inputValue()).toBe('3');
    expect(await cell.isDisabled()).toBe(true);
    expect(await page().getByRole('form', { name: 'New operator' }).getByRole('button', { name: 'Add operator' }).isDisabled()).toBe(true);
    expect(await page().getByRole('switch', { name: 'Анна takes contacts' }).isDisabled()).toBe(true);
    // The audit trail is for those who run the board.
    expect(await page().getByRole('button', { name: 'History of Анна' }).count()).toBe(0);

    await useKey(admin);
    await page().getByRole('note').filter({ hasText: 'viewer’s' }).waitFor({ state: 'detached' });
    expect(await cell.isDisabled()).toBe(false);
    await page().getByRole('button', { name: 'History of Анна' }).click();
    await expect
      .poll(() => page().getByRole('list', { name: 'History of Анна' }).getByRole('listitem').first().textContent(), SOON)
      .toMatch(/ created by admin e2e .*name: — → Анна/);
    expect(browser.problems).toEqual([]);
  });

  it('opens an operator’s key on their own page alone, and tells an integration’s key it has no page here', async () => {
    useDatabase(api.db);
    const asAdmin = { authorization: `Bearer ${(await createApiKey('admin e2e')).key}` };
    const contact = (await api.request('POST', '/contacts/', { lead_external_id: '+79160000001', source_id: 1 }, asAdmin)).body;
    expect(contact.operator_id).toBe(1);
    const anna = (await createApiKey('Анна’s phone', { role: 'operator', operatorId: 1 })).key;

    await page().goto(`${api.url}/`);
    await useKey(anna);
    const mine = page()
      .getByRole('list', { name: 'My open contacts' })
      .getByRole('listitem')
      .filter({ hasText: `#${contact.id} ` });
    await mine.waitFor();
    // Their own page, with no way to pick somebody else or to reach the board.
    expect(await page().getByRole('combobox', { name: 'I am' }).count()).toBe(0);
    expect(await page().getByRole('link', { name: 'Operator page' }).count()).toBe(0);
    expect(await page().getByRole('region', { name: 'Operators' }).count()).toBe(0);
    await page().getByRole('combobox', { name: 'Presence of Анна' }).selectOption({ label: 'away' });
    await expect.poll(async () => (await api.request('GET', '/operators/1', undefined, asAdmin)).body.presence, SOON).toBe('away');
    await mine.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(async () => (await api.request('GET', `/contacts/${contact.id}`, undefined, asAdmin)).body.status, SOON)
      .toBe('closed');

    await useKey((await createApiKey('web form bot', { role: 'integration' })).key);
    await page().getByRole('note').filter({ hasText: 'integration’s' }).waitFor();
    expect(await page().getByRole('heading', { name: 'My contacts' }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
