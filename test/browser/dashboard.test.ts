import { describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';
import { description, keepScreenshot, useBrowser } from './support/browser';

// The page refreshes every 3 s; what it shows after a change of its own comes at once.
const SOON = { timeout: 10_000, interval: 200 };

describe('the dashboard, in Chromium against the local stack', () => {
  const api = useApiStack();
  // A Russian browser: the page must start in Russian.
  const browser = useBrowser('ru-RU');
  const page = () => browser.page;
  const operators = async () =>
    (await api.request('GET', '/operators/')).body as { id: number; name: string; is_active: boolean; current_load: number }[];
  const contacts = async () => (await api.request('GET', '/contacts/?limit=500')).body as { id: number; operator_id: number | null }[];
  const meter = (name: string) => page().getByRole('meter', { name: `Load of ${name}` });
  const shareRow = (name: string) =>
    page().getByRole('list', { name: 'Expected and actual shares of Telegram Bot' }).getByRole('listitem').filter({ hasText: name });
  /** Sends a test contact from the form and returns what the page says about where it went. */
  const sendTestContact = async (externalId: string) => {
    const form = page().getByRole('form', { name: 'Send a test contact' });
    await form.getByLabel('External id').fill(externalId);
    const registered = page().waitForResponse(
      (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/contacts/',
    );
    await form.getByRole('button', { name: 'Send' }).click();
    const contact = await (await registered).json();
    const result = page()
      .locator('.sent .result')
      .filter({ hasText: `Contact #${contact.id} ` });
    return (await result.textContent())!;
  };

  it('opens in Russian for a Russian browser and switches to English, which it remembers', async () => {
    await page().goto(`${api.url}/`);
    await page().getByRole('heading', { name: 'Распределение обращений' }).waitFor();
    expect(await page().locator('html').getAttribute('lang')).toBe('ru');
    await page().getByRole('heading', { name: 'Операторы' }).waitFor();

    await page().getByRole('button', { name: 'EN' }).click();
    await page().getByRole('heading', { name: 'Lead distribution' }).waitFor();
    await page().reload();
    await page().getByRole('heading', { name: 'Lead distribution' }).waitFor();
    expect(await page().locator('html').getAttribute('lang')).toBe('en');
  });

  it('creates two operators and a source through the page', async () => {
    const form = page().getByRole('form', { name: 'New operator' });
    for (const [name, maxLoad] of [
      ['Анна', '10'],
      ['Борис', '5'],
    ] as const) {
      await form.getByLabel('Name', { exact: true }).fill(name);
      await form.getByLabel('Max load').fill(maxLoad);
      await form.getByRole('button', { name: 'Add operator' }).click();
      await page()
        .getByRole('switch', { name: `${name} takes contacts` })
        .waitFor();
    }
    const sourceForm = page().getByRole('form', { name: 'New source' });
    await sourceForm.getByLabel('Name', { exact: true }).fill('Telegram Bot');
    await sourceForm.getByRole('button', { name: 'Add source' }).click();
    await page()
      .getByRole('columnheader', { name: /Telegram Bot/ })
      .waitFor();

    expect((await operators()).map(({ name, is_active }) => ({ name, is_active }))).toEqual([
      { name: 'Анна', is_active: true },
      { name: 'Борис', is_active: true },
    ]);
    expect((await api.request('GET', '/sources/')).body).toMatchObject([{ id: 1, name: 'Telegram Bot' }]);
    expect(await meter('Анна').getAttribute('aria-valuetext')).toBe('0 / 10 · idle');
  });

  it("edits an operator's name and max load in place", async () => {
    await page().getByRole('textbox', { name: 'Name of Борис' }).fill('Борис Петров');
    await page().getByRole('spinbutton', { name: 'Max load of Борис' }).fill('6');
    await page().getByRole('button', { name: 'Save' }).click();
    await page().getByRole('switch', { name: 'Борис Петров takes contacts' }).waitFor();
    expect((await operators())[1]).toMatchObject({ name: 'Борис Петров', max_load: 6, is_active: true });
    await page().getByRole('textbox', { name: 'Name of Борис Петров' }).fill('Борис');
    await page().getByRole('button', { name: 'Save' }).click();
    await page().getByRole('switch', { name: 'Борис takes contacts' }).waitFor();
    expect(await meter('Борис').getAttribute('aria-valuemax')).toBe('6');

    // Both changes are in Борис's history, newest first (the trail is written from the stream a moment
    // later: the history is opened again until it has them).
    const toggle = page().getByRole('button', { name: 'History of Борис' });
    const changes = page().getByRole('list', { name: 'History of Борис' }).getByRole('listitem');
    await expect
      .poll(async () => {
        if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
        await toggle.click();
        return (await changes.count()) >= 2 ? changes.allTextContents() : [];
      }, SOON)
      .toEqual([
        expect.stringMatching(/changed by no key name: Борис Петров → Борис$/),
        expect.stringMatching(/changed by no key max_load: \d+ → 6; name: Борис → Борис Петров$/),
        expect.stringMatching(/created by no key/),
      ]);
  });

  it('shows an API error next to the field that caused it, and creates nothing', async () => {
    const form = page().getByRole('form', { name: 'New operator' });
    await form.getByLabel('Name', { exact: true }).fill('   ');
    await form.getByLabel('Max load').fill('-1');
    await form.getByRole('button', { name: 'Add operator' }).click();
    await expect.poll(() => description(form.getByLabel('Max load')), SOON).toBe('must be at least 0');
    expect(await description(form.getByLabel('Name', { exact: true }))).toBe('must not be empty');
    await keepScreenshot(form, 'dashboard-error.png');
    // Changing what caused an error answers it.
    await form.getByLabel('Max load').fill('5');
    expect(await description(form.getByLabel('Max load'))).toBe('');
    await form.getByLabel('Name', { exact: true }).fill('');

    const cell = page().getByRole('spinbutton', { name: 'Weight of Анна for Telegram Bot' });
    await cell.fill('0');
    await cell.press('Enter');
    await expect.poll(() => description(cell), SOON).toBe('Weight: must be at least 1');

    expect(await operators()).toHaveLength(2);
    expect((await api.request('GET', '/assignments/')).body).toEqual([]);
  });

  it('sets weights in the matrix', async () => {
    for (const [name, weight] of [
      ['Анна', '3'],
      ['Борис', '1'],
    ] as const) {
      const cell = page().getByRole('spinbutton', { name: `Weight of ${name} for Telegram Bot` });
      await cell.fill(weight);
      await cell.press('Enter');
      await expect.poll(() => description(cell), SOON).toBe('');
    }
    await expect
      .poll(async () => (await api.request('GET', '/assignments/')).body, SOON)
      .toMatchObject([
        { operator_id: 1, source_id: 1, weight: 3 },
        { operator_id: 2, source_id: 1, weight: 1 },
      ]);
    await expect.poll(() => shareRow('Анна').textContent(), SOON).toContain('expected 75 % · actual 0 %');
    await keepScreenshot(page().locator('section.weights'), 'dashboard-weights.png');
  });

  it('sends test contacts, says where each went, and the load bars and the share chart follow', async () => {
    for (const phone of ['+79160000001', '+79160000002', '+79160000003', '+79160000004']) {
      expect(await sendTestContact(phone)).toMatch(/^Contact #\d+ went to (Анна|Борис)\.$/);
    }
    const [anna, boris] = await operators();
    expect(anna!.current_load + boris!.current_load).toBe(4);
    await expect.poll(() => meter('Анна').getAttribute('aria-valuenow'), SOON).toBe(String(anna!.current_load));
    expect(await meter('Борис').getAttribute('aria-valuenow')).toBe(String(boris!.current_load));
    const percent = (load: number) => `${Math.round((load / 4) * 100)} %`;
    await expect.poll(() => shareRow('Анна').textContent(), SOON).toContain(`actual ${percent(anna!.current_load)}`);
    expect(await shareRow('Борис').textContent()).toContain(`actual ${percent(boris!.current_load)}`);
    await keepScreenshot(page().locator('section.operators'), 'dashboard-operators.png');
    await keepScreenshot(page().locator('section.per-source'), 'dashboard-source.png');
    await keepScreenshot(page().locator('section.test-contact'), 'dashboard-test-contact.png');
  });

  it('skips an operator switched off in the dashboard', async () => {
    await page().getByRole('switch', { name: 'Борис takes contacts' }).click();
    await expect.poll(async () => (await operators())[1]!.is_active, SOON).toBe(false);
    await expect.poll(() => meter('Борис').getAttribute('aria-valuetext'), SOON).toMatch(/switched off$/);
    // The chart's expected share is what the weights promised of the contacts routed so far, each
    // among those eligible then: it falls as contacts are routed while Борис is off.
    const expectedOf = async (name: string) => Number(/expected (\d+) %/.exec((await shareRow(name).textContent()) ?? '')?.[1]);
    const promised = await expectedOf('Борис');

    const before = (await operators())[1]!.current_load;
    for (const phone of ['+79160000005', '+79160000006', '+79160000007']) {
      expect(await sendTestContact(phone)).toMatch(/^Contact #\d+ went to Анна\.$/);
    }
    expect((await operators())[1]!.current_load).toBe(before);
    await expect.poll(() => expectedOf('Борис'), SOON).toBeLessThan(promised);
    expect(await page().getByRole('switch', { name: 'Борис takes contacts' }).isChecked()).toBe(false);
  });

  it('refreshes by itself: a contact registered elsewhere appears without a click', async () => {
    const response = await api.request('POST', '/contacts/', { lead_external_id: 'web-form-visitor', source_id: 1 });
    expect(response.status).toBe(201);
    await page()
      .getByRole('button', { name: `#${response.body.id} · Why here?` })
      .waitFor({ timeout: 10_000 });
  });

  it('filters contacts by operator, newest first', async () => {
    await page().getByRole('combobox', { name: 'Operator', exact: true }).selectOption({ label: 'Анна' });
    const expected = (await contacts())
      .filter((contact) => contact.operator_id === 1)
      .map((contact) => contact.id)
      .reverse();
    const shown = page()
      .locator('.contact-list')
      .getByRole('button', { name: /^#\d+ · Why here\?$/ });
    await expect.poll(async () => (await shown.allTextContents()).map((text) => Number(/#(\d+)/.exec(text)![1])), SOON).toEqual(expected);
    await page().getByRole('combobox', { name: 'Operator', exact: true }).selectOption({ label: 'All operators' });
  });

  it('explains why a contact went where it went', async () => {
    const newest = (await contacts()).at(-1)!;
    const toggle = page().getByRole('button', { name: `#${newest.id} · Why here?` });
    await toggle.click();
    const details = page().locator(`#contact-${newest.id}-routing`);
    await details.getByRole('table').waitFor();
    expect(await details.getByRole('row', { name: /chosen/ }).textContent()).toContain('Анна');
    await keepScreenshot(page().locator('section.contacts'), 'dashboard-contacts.png');
  });

  it('closes and reassigns a contact, and closing frees a place', async () => {
    const newest = (await contacts()).at(-1)!;
    const row = page()
      .locator('.contact')
      .filter({ has: page().getByRole('button', { name: `#${newest.id} · Why here?` }) });
    const load = (await operators())[0]!.current_load;
    await row.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => meter('Анна').getAttribute('aria-valuenow'), SOON).toBe(String(load - 1));
    await row.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => meter('Анна').getAttribute('aria-valuenow'), SOON).toBe(String(load));

    // Борис is switched off: the API refuses, and says so on the contact's own line.
    await row.getByRole('combobox', { name: `Reassign contact #${newest.id} to` }).selectOption({ label: 'Борис' });
    await row.getByRole('button', { name: 'Reassign' }).click();
    await expect.poll(() => row.getByRole('alert').textContent(), SOON).toMatch(/^Not possible now: /);
    expect((await operators())[0]!.current_load).toBe(load);
  });

  it('runs a source with 30 s offers from the dashboard and the operator page alone', async () => {
    await page().getByRole('switch', { name: 'Борис takes contacts' }).click();
    await expect.poll(async () => (await operators())[1]!.is_active, SOON).toBe(true);
    const timeout = page().getByRole('spinbutton', { name: 'Offer timeout of Telegram Bot, seconds' });
    await timeout.fill('30');
    await timeout.press('Enter');
    await expect
      .poll(async () => (await api.request('GET', '/sources/1')).body.routing.offer, SOON)
      .toMatchObject({ timeout_s: 30, max_offers: 3 });

    const said = await sendTestContact('+79160000099');
    const offeredTo = /is offered to (Анна|Борис), who has to accept it\.$/.exec(said)?.[1];
    expect(offeredTo, said).toBeDefined();
    await expect.poll(() => page().getByRole('timer').first().textContent(), SOON).toMatch(/^offer ends in \d+ s$/);

    await page().getByRole('link', { name: 'Operator page' }).click();
    await page().getByRole('heading', { name: 'My contacts' }).waitFor();
    await page().getByRole('combobox', { name: 'I am' }).selectOption({ label: offeredTo! });
    const offer = page().getByRole('list', { name: 'Offers for me' }).getByRole('listitem').first();
    await expect.poll(() => offer.textContent(), SOON).toMatch(/from Telegram Bot · \d+ s left/);
    const id = Number(/#(\d+)/.exec((await offer.textContent())!)![1]);
    await keepScreenshot(page().locator('.operator-page'), 'operator-page.png');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(async () => (await api.request('GET', `/contacts/${id}`)).body.status, SOON).toBe('open');
    const mine = page()
      .getByRole('list', { name: 'My open contacts' })
      .getByRole('listitem')
      .filter({ hasText: `#${id} ` });
    await mine.waitFor();
    await mine.getByRole('button', { name: 'Close' }).click();
    await expect.poll(async () => (await api.request('GET', `/contacts/${id}`)).body.status, SOON).toBe('closed');
    await page()
      .getByRole('combobox', { name: `Presence of ${offeredTo}` })
      .selectOption({ label: 'away' });
    await expect
      .poll(async () => (await api.request('GET', '/operators/')).body.find((o: { name: string }) => o.name === offeredTo).presence, SOON)
      .toBe('away');

    await page().getByRole('link', { name: 'Dashboard' }).click();
    await page()
      .getByRole('combobox', { name: `Presence of ${offeredTo}` })
      .selectOption({ label: 'available' });
    await expect
      .poll(async () => (await api.request('GET', '/operators/')).body.find((o: { name: string }) => o.name === offeredTo).presence, SOON)
      .toBe('available');
    const hoursButton = page().getByRole('button', { name: 'Working hours of Анна' });
    await hoursButton.click();
    const hours = page().getByRole('form', { name: 'Working hours of Анна' });
    await hours.getByLabel('Time zone').fill('Europe/Moscow');
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await expect
      .poll(async () => (await api.request('GET', '/operators/1/schedule')).body, SOON)
      .toMatchObject({
        time_zone: 'Europe/Moscow',
        weekly: [{ day: 'mon', from: '09:00', to: '18:00' }, { day: 'tue' }, { day: 'wed' }, { day: 'thu' }, { day: 'fri' }],
      });
    // The form closes once the page has the answer, which on a loaded machine comes after the API has the hours.
    await hours.waitFor({ state: 'hidden' });
    await hoursButton.click();
    await page().getByRole('form', { name: 'Working hours of Анна' }).getByRole('button', { name: 'Always within hours' }).click();
    await expect.poll(async () => (await api.request('GET', '/operators/1/schedule')).status, SOON).toBe(404);
    await timeout.fill('');
    await timeout.press('Enter');
    await expect.poll(async () => (await api.request('GET', '/sources/1')).body.routing.offer, SOON).toBeUndefined();
  });

  it('counts shares over a chosen period and says why an operator was passed over', async () => {
    const sourcePanel = page().locator('section.per-source');
    const stats = page().waitForResponse((response) => new URL(response.url()).searchParams.has('from'));
    await sourcePanel.getByLabel('Period').selectOption('day');
    const { period } = await (await stats).json();
    await expect
      .poll(() => sourcePanel.locator('figcaption').textContent(), SOON)
      .toContain(`${period.routing_decisions} routing decisions in the period`);
    // Борис was switched off while contacts were routed today: the chart says so, in numbers.
    await expect.poll(() => shareRow('Борис').textContent(), SOON).toMatch(/passed over: .*switched off \d+/);
    await sourcePanel.getByLabel('Period').selectOption('all');
  });

  it('simulates a change of weights and mode on today’s real contacts, shows it beside reality, and applies it', async () => {
    const form = page().getByRole('form', { name: 'Try a change to Telegram Bot' });
    await form.getByLabel('Proposed weight of Анна').fill('1');
    await form.getByLabel('Proposed weight of Борис').fill('3');
    await form.getByLabel('Proposed routing of Telegram Bot').selectOption('smooth_weighted');
    const simulated = page().waitForResponse((response) => new URL(response.url()).pathname === '/sources/1/simulate');
    await form.getByRole('button', { name: 'Simulate' }).click();
    const response = await simulated;
    expect(response.status()).toBe(200);
    const answer = await response.json();
    expect(answer).toMatchObject({ mode: 'smooth_weighted', replay: { kind: 'period' } });
    expect(answer.replay.contacts).toBeGreaterThan(5);
    const table = page().getByRole('table', { name: `Simulated on ${answer.replay.contacts} contacts` });
    await table.waitFor();
    for (const row of answer.simulated.operators) {
      const real = answer.actual.operators.find((o: { operator_id: number }) => o.operator_id === row.operator_id);
      const cells = await table.getByRole('row').filter({ hasText: row.name }).getByRole('cell').allTextContents();
      expect(cells).toEqual([
        String(row.weight),
        `${Math.round(real.share * 100)} %`,
        `${Math.round(row.share * 100)} % (${row.contacts})`,
        String(row.peak_load),
        `${row.hours_at_capacity} h`,
      ]);
    }
    await expect.poll(() => page().locator('.what-if-result .waits.actual').textContent(), SOON).toMatch(/^Really: /);
    await keepScreenshot(page().locator('section.what-if'), 'dashboard-what-if.png');

    await form.getByRole('button', { name: 'Apply to the matrix' }).click();
    await expect
      .poll(async () => (await api.request('GET', '/sources/1')).body, SOON)
      .toMatchObject({
        routing: { mode: 'smooth_weighted' },
        assignments: [
          { operator_id: 1, weight: 1 },
          { operator_id: 2, weight: 3 },
        ],
      });
    await expect.poll(() => page().getByRole('spinbutton', { name: 'Weight of Борис for Telegram Bot' }).inputValue(), SOON).toBe('3');
  });

  it('keeps the API key for this tab and sends it as a bearer token', async () => {
    const field = page().getByLabel('API key');
    await field.fill('local-test-key');
    const sent = page().waitForRequest((request) => request.headers().authorization === 'Bearer local-test-key');
    await field.press('Enter');
    await sent;
    const storedKey = () => page().evaluate<string | null>("sessionStorage.getItem('crm.apiKey')");
    expect(await storedKey()).toBe('local-test-key');
    await field.fill('');
    await field.press('Enter');
    expect(await storedKey()).toBeNull();
  });

  it('fits a 1280 px screen and a phone screen, in either language, without sideways scrolling', async () => {
    const overflow = () => page().evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    const widest = () =>
      page().evaluate<string>(
        "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth).map((e) => e.tagName + '.' + e.className).slice(-5).join(' ')",
      );
    expect(await overflow(), await widest()).toBe(0);
    await keepScreenshot(page(), 'dashboard-1280.png');
    await page().setViewportSize({ width: 390, height: 844 });
    expect(await overflow(), await widest()).toBe(0);
    await page().getByRole('button', { name: 'RU' }).click();
    await page().getByRole('heading', { name: 'Операторы' }).waitFor();
    expect(await overflow(), await widest()).toBe(0);
    await keepScreenshot(page(), 'dashboard-phone-ru.png');
    await page().getByRole('button', { name: 'EN' }).click();
    await page().setViewportSize({ width: 1280, height: 900 });
  });

  it('met no script error and no content security policy violation', () => {
    expect(browser.problems).toEqual([]);
  });
});
