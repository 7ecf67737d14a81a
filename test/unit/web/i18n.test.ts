import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/api/client';
import { describeError } from '../../../web/src/i18n/errors';
import { pickLocale } from '../../../web/src/i18n/locale';
import { en, ru } from '../../../web/src/i18n/messages';

describe('the language of the page', () => {
  it('is Russian for a Russian browser, English otherwise, and whatever the user picked last', () => {
    expect(pickLocale(null, ['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLocale(null, ['de-DE', 'ru'])).toBe('ru');
    expect(pickLocale(null, ['en-GB', 'ru-RU'])).toBe('en');
    expect(pickLocale(null, ['fr-FR'])).toBe('en');
    expect(pickLocale('en', ['ru-RU'])).toBe('en');
    expect(pickLocale('xx', ['ru-RU'])).toBe('ru');
  });

  it('counts contacts with Russian plural forms', () => {
    expect([1, 2, 5, 21].map(ru.common.contacts)).toEqual(['1 обращение', '2 обращения', '5 обращений', '21 обращение']);
    expect([1, 2].map(en.common.contacts)).toEqual(['1 contact', '2 contacts']);
  });
});

describe('API errors in plain words', () => {
  const validation = new ApiError(422, [
    {
      loc: ['body', 'max_load'],
      msg: 'ensure this value is greater than or equal to 0',
      type: 'value_error.number.not_ge',
      ctx: { limit_value: 0 },
    },
    {
      loc: ['body', 'name'],
      msg: 'ensure this value has at least 1 characters',
      type: 'value_error.any_str.min_length',
      ctx: { limit_value: 1 },
    },
  ]);

  it('puts a validation error next to the field the form has, and the rest under the form', () => {
    expect(describeError(validation, en, ['max_load'])).toEqual({
      fields: { max_load: 'must be at least 0' },
      general: ['Name: must not be empty'],
    });
    expect(describeError(validation, ru, ['max_load', 'name'])).toEqual({
      fields: { max_load: 'должно быть не меньше 0', name: 'не может быть пустым' },
      general: [],
    });
  });

  it("says the API's known sentences in the page's language and keeps any other as the API said it", () => {
    expect(describeError(new ApiError(404, 'Operator 7 not found'), ru).general).toEqual(['Оператор 7 не существует (больше).']);
    expect(describeError(new ApiError(409, 'Operator 1 is already assigned to source 2'), en).general).toEqual([
      'Not possible now: Operator 1 is already assigned to source 2.',
    ]);
    expect(describeError(new ApiError(409, 'Operator 3 has no room'), en).general).toEqual(['Not possible now: Operator 3 has no room']);
  });

  it('explains refusals, outages and an unreachable API', () => {
    expect(describeError(new ApiError(401, 'Missing API key'), en).general).toEqual([en.errors.unauthorized]);
    expect(describeError(new ApiError(503, 'Database temporarily unavailable', 3), en).general).toEqual([
      'The service is busy; try again in 3 s.',
    ]);
    expect(describeError(new ApiError(0, 'fetch failed'), ru).general).toEqual(['Нет связи с API.']);
    expect(describeError(new ApiError(500, 'Internal Server Error'), en).general).toEqual(['The API failed (HTTP 500); try again.']);
  });
});
