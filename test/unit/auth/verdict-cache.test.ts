import { describe, expect, it } from 'vitest';
import { type ApiKeyInfo, VerdictCache } from '../../../lib/auth/api-keys';

const live = { id: 'k', name: 'bot', role: 'admin' } as ApiKeyInfo;

describe('the API key verdict cache', () => {
  it('keeps at most its size, dropping the least recently used first', () => {
    const cache = new VerdictCache(3);
    for (const hash of ['a', 'b', 'c']) cache.set(hash, { key: live, until: 100 });
    expect(cache.get('a', 0)).toEqual({ key: live, until: 100 }); // a is now the most recently used
    cache.set('d', { key: undefined, until: 10 });
    expect(cache.size).toBe(3);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(['a', 'c', 'd'].map((hash) => cache.get(hash, 0)?.key)).toEqual([live, live, undefined]);
  });

  it('forgets a verdict once its time is up', () => {
    const cache = new VerdictCache(3);
    cache.set('a', { key: undefined, until: 10 });
    expect(cache.get('a', 9)).toBeDefined();
    expect(cache.get('a', 10)).toBeUndefined();
  });
});
