import { describe, expect, it } from 'vitest';
import { createApiKey } from '../../lib/auth/api-keys';
import { useDatabase } from '../../lib/db/client';
import { useApiStack } from '../support/stack';
import { useBrowser } from './support/browser';

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

    await useKey(admin);
    await page().getByRole('note').filter({ hasText: 'viewer’s' }).waitFor({ state: 'detached' });
    expect(await cell.isDisabled()).toBe(false);
    expect(browser.problems).toEqual([]);
  });
});
