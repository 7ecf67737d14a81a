import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

const PLATFORM_ID = /^(tg|vk):(\d+)$/i;
const PHONE_LIKE = /^\+?[\d\s().-]{5,}$/;

/**
 * The form of an external id under which a lead is stored and looked up, so that the same person
 * arriving twice finds the same lead: phone numbers in E.164 (`+7 916 123-45-67`, `89161234567` and
 * `+79161234567` are one lead; national numbers read in `defaultRegion`), e-mails lower-cased,
 * platform ids as `tg:<id>` / `vk:<id>`, anything else as given without surrounding spaces.
 */
export function normalizeExternalId(externalId: string, defaultRegion: CountryCode = 'RU'): string {
  const value = externalId.trim();
  const platform = PLATFORM_ID.exec(value);
  if (platform) return `${platform[1]!.toLowerCase()}:${platform[2]}`;
  if (value.includes('@')) return value.toLowerCase();
  if (PHONE_LIKE.test(value)) {
    const phone = parsePhoneNumberFromString(value, defaultRegion);
    if (phone?.isValid()) return phone.number;
  }
  return value;
}
