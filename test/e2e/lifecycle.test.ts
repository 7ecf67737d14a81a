import { describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

describe('the contact lifecycle over HTTP', () => {
  const api = useApiStack();

  it('assigns a waiting contact as soon as its operator closes one', async () => {
    await api.request('POST', '/operators/', { name: 'Иван', max_load: 1 });
    await api.request('POST', '/sources/', { name: 'Telegram Bot' });
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 10 });

    const first = await api.request('POST', '/contacts/', { lead_external_id: '+79160000001', source_id: 1 });
    const waiting = await api.request('POST', '/contacts/', { lead_external_id: '+79160000002', source_id: 1 });
    expect([first.body.operator_id, waiting.body.operator_id]).toEqual([1, null]);
    expect((await api.request('GET', '/contacts/?source_id=1&unassigned=true&status=open')).body.map((c: { id: number }) => c.id)).toEqual([
      waiting.body.id,
    ]);

    const closed = await api.request('POST', `/contacts/${first.body.id}/close`);
    expect(closed).toMatchObject({ status: 200, body: { id: first.body.id, status: 'closed', operator_id: 1 } });
    expect((await api.request('GET', `/contacts/${waiting.body.id}`)).body).toMatchObject({ operator_id: 1, status: 'open' });
    expect((await api.request('GET', '/contacts/?source_id=1&unassigned=true&status=open')).body).toEqual([]);
    expect((await api.request('GET', '/operators/1/load')).body).toEqual({
      operator_id: 1,
      is_active: true,
      current_load: 1,
      max_load: 1,
      free_capacity: 0,
      open_contacts: 1,
      offered_contacts: 0,
    });
  });

  it('reopens, reassigns and filters, and refuses what cannot be done', async () => {
    await api.request('POST', '/operators/', { name: 'Мария', max_load: 5 });
    await api.request('POST', '/assignments/', { operator_id: 2, source_id: 1, weight: 10 });
    const contact = (await api.request('POST', '/contacts/', { lead_external_id: 'maria@example.com', source_id: 1 })).body;
    expect(contact.operator_id).toBe(2);

    expect(await api.request('POST', `/contacts/${contact.id}/reassign`, { operator_id: 1 })).toMatchObject({
      status: 409,
      body: { detail: 'Operator 1 is inactive, away, has no room or is at their quota' },
    });
    const closed = await api.request('POST', `/contacts/${contact.id}/close`);
    expect((await api.request('POST', `/contacts/${contact.id}/close`)).body).toEqual(closed.body);
    expect((await api.request('POST', `/contacts/${contact.id}/reopen`)).body).toMatchObject({
      status: 'open',
      closed_at: null,
      operator_id: 2,
    });
    expect((await api.request('GET', '/contacts/?operator_id=2&status=open')).body.map((c: { id: number }) => c.id)).toEqual([contact.id]);
    const newest = (await api.request('GET', '/contacts/?order=desc&limit=1')).body;
    expect(newest.map((c: { id: number }) => c.id)).toEqual([contact.id]);

    expect((await api.request('POST', '/contacts/999/close')).status).toBe(404);
    expect((await api.request('GET', '/contacts/?status=pending')).status).toBe(422);
    expect((await api.request('POST', `/contacts/${contact.id}/reassign`, { operator_id: 'two' })).status).toBe(422);
  });
});
