import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pause } from '../../lib/db/retry';
import { Receiver } from '../support/receiver';
import { useApiStack } from '../support/stack';

/** Waits until `done()` holds, for at most `ms`. */
async function eventually(done: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await pause(100);
}

describe('events through the local stack (npm start)', () => {
  const api = useApiStack();
  const receiver = new Receiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  it('subscribes a receiver on 127.0.0.1 and delivers every change, signed, from the table stream', async () => {
    const subscribed = await api.request('POST', '/subscriptions/', { url: receiver.url, events: ['*'], description: 'helpdesk' });
    expect(subscribed).toMatchObject({ status: 201, body: { id: 1, enabled: true, secret: expect.stringMatching(/^whsec_/) } });
    receiver.secret = subscribed.body.secret;
    expect((await api.request('GET', '/subscriptions/1')).body).not.toHaveProperty('secret');
    expect(await api.request('POST', '/subscriptions/1/test')).toMatchObject({ status: 200, body: { delivered: true, status_code: 204 } });

    await api.request('POST', '/operators/', { name: 'Иван', max_load: 5 });
    await api.request('POST', '/sources/', { name: 'Telegram Bot' });
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 10 });
    const contact = (await api.request('POST', '/contacts/', { lead_external_id: '+79160000001', source_id: 1 })).body;
    await api.request('POST', `/contacts/${contact.id}/close`);
    const ofContact = () => receiver.ofContact(contact.id).map((event) => event.type);
    await eventually(() => ofContact().length >= 3);
    expect(ofContact()).toEqual(['contact.created', 'contact.assigned', 'contact.closed']);
    expect(receiver.rejected).toBe(0);
    expect(receiver.ofContact(contact.id)[1]!.data).toMatchObject({
      operator: { id: 1, name: 'Иван' },
      source: { id: 1, name: 'Telegram Bot' },
    });

    const deliveries = await api.request('GET', '/subscriptions/1/deliveries?limit=2');
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.map((d: { event_type: string }) => d.event_type)).toEqual(['contact.closed', 'contact.assigned']);
    expect(deliveries.headers.get('link')).toMatch(/rel="next"/);
    const retried = await api.request('POST', `/subscriptions/1/deliveries/${deliveries.body[0].id}/retry`);
    expect(retried).toMatchObject({ status: 200, body: { attempts: 2, last_status: 204 } });
    expect(receiver.received.at(-1)!.id).toBe(deliveries.body[0].event_id);
  });

  it('never makes an API call wait for a receiver, even one that hangs', async () => {
    receiver.holding = true;
    const contact = await api.request('POST', '/contacts/', { lead_external_id: '+79160000002', source_id: 1 });
    expect(contact.status).toBe(201);
    await eventually(() => receiver.waiting > 0);
    // The receiver holds the contact's first event unanswered: registrations and closes still go through.
    expect(receiver.waiting).toBe(1);
    expect((await api.request('POST', `/contacts/${contact.body.id}/close`)).status).toBe(200);
    expect((await api.request('POST', '/contacts/', { lead_external_id: '+79160000003', source_id: 1 })).status).toBe(201);
    // A ping waits for the receiver, which outlasts the function's time: the answer is a 503 in
    // FastAPI's shape a second before the timeout, never the timed-out function's 200.
    const ping = await api.request('POST', '/subscriptions/1/test');
    expect(ping).toMatchObject({ status: 503, body: { detail: expect.stringMatching(/ran out of time/) } });
    receiver.release();
    await eventually(() => receiver.ofContact(contact.body.id).length >= 3);
    expect(receiver.ofContact(contact.body.id).map((event) => event.type)).toEqual([
      'contact.created',
      'contact.assigned',
      'contact.closed',
    ]);
  });

  it("refuses what it cannot take with a 4xx in FastAPI's shape", async () => {
    const unknownEvent = await api.request('POST', '/subscriptions/', { url: receiver.url, events: ['contact.eaten'] });
    expect(unknownEvent.status).toBe(422);
    expect(unknownEvent.body.detail[0].loc).toEqual(['body', 'events', 0]);
    expect((await api.request('POST', '/subscriptions/', { url: 'ftp://example.com', events: ['*'] })).status).toBe(422);
    expect((await api.request('GET', '/subscriptions/99')).status).toBe(404);
    expect((await api.request('POST', '/subscriptions/1/deliveries/dlv_0_nothing/retry')).status).toBe(404);
    expect((await api.request('GET', '/subscriptions/')).body).toHaveLength(1);
  });
});
