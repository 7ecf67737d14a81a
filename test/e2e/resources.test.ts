import { describe, expect, it } from 'vitest';
import { useApiStack } from '../support/stack';

describe('the resource surface over HTTP', () => {
  const api = useApiStack();

  it('pages through 250 contacts with the Link header, each exactly once', async () => {
    await api.request('POST', '/sources/', { name: 'Web form' });
    const created = new Set<number>();
    for (let batch = 0; batch < 25; batch++) {
      const replies = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          api.request('POST', '/contacts/', { lead_external_id: `lead-${batch * 10 + i}@example.com`, source_id: 1 }),
        ),
      );
      for (const reply of replies) created.add(reply.body.id);
    }
    const seen: number[] = [];
    let next: string | undefined = '/contacts/?limit=40';
    while (next) {
      const page = await api.request('GET', next);
      expect(page.status).toBe(200);
      expect(Array.isArray(page.body)).toBe(true);
      seen.push(...page.body.map((c: { id: number }) => c.id));
      next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen)).toEqual(created);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('reads, patches and deletes operators, refusing to delete one with open contacts', async () => {
    await api.request('POST', '/operators/', { name: 'Иван', max_load: 2 });
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 1, weight: 1 });
    expect((await api.request('GET', '/operators/1')).body).toMatchObject({ id: 1, name: 'Иван' });
    expect((await api.request('PATCH', '/operators/1', { max_load: 3 })).body).toMatchObject({ name: 'Иван', max_load: 3 });
    expect((await api.request('PATCH', '/operators/1', {})).status).toBe(422);
    expect((await api.request('GET', '/operators/1/load')).body).toMatchObject({ current_load: 3, open_contacts: 3 });
    const refused = await api.request('DELETE', '/operators/1');
    expect(refused).toMatchObject({ status: 409, body: { detail: expect.stringMatching(/open contacts.*deactivate/) } });
    expect((await api.request('DELETE', '/sources/1')).status).toBe(409);
    await api.request('POST', '/operators/', { name: 'Мария', max_load: 2 });
    expect((await api.request('DELETE', '/operators/2')).status).toBe(204);
    expect((await api.request('GET', '/operators/2')).status).toBe(404);
  });

  it('deletes a source that never had a contact, with its assignments', async () => {
    await api.request('POST', '/sources/', { name: 'Unused' });
    await api.request('POST', '/assignments/', { operator_id: 1, source_id: 2, weight: 5 });
    expect((await api.request('DELETE', '/sources/2')).status).toBe(204);
    expect((await api.request('GET', '/sources/2')).status).toBe(404);
    expect((await api.request('GET', '/assignments/')).body.map((a: { source_id: number }) => a.source_id)).toEqual([1]);
  });
});
