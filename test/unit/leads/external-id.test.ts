import { describe, expect, it } from 'vitest';
import { normalizeExternalId } from '../../../lib/leads/external-id';

describe('normalizeExternalId', () => {
  it('makes every spelling of one Russian number the same E.164 lead', () => {
    const spellings = ['+7 916 123-45-67', '89161234567', '8 (916) 123-45-67', '+79161234567', '79161234567', ' 9161234567 '];
    expect(new Set(spellings.map((s) => normalizeExternalId(s)))).toEqual(new Set(['+79161234567']));
  });

  it('reads national numbers in the configured region and international ones as written', () => {
    expect(normalizeExternalId('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizeExternalId('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('lower-cases e-mails and keeps platform ids', () => {
    expect(normalizeExternalId('  Ivan.Petrov@Example.COM ')).toBe('ivan.petrov@example.com');
    expect(normalizeExternalId('TG:1111111')).toBe('tg:1111111');
    expect(normalizeExternalId('vk:777888999')).toBe('vk:777888999');
  });

  it('keeps what is not a valid phone number as given, trimmed', () => {
    expect(normalizeExternalId(' 12345 ')).toBe('12345');
    expect(normalizeExternalId('crm-lead-42')).toBe('crm-lead-42');
  });
});
