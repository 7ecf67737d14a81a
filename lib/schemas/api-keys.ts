import * as z from 'zod';
import { ApiKeyInfo } from '../auth/api-keys';
import { ROLES } from '../auth/roles';
import { Id, Name } from './common';

/** Body of `POST /api-keys/`. */
export const ApiKeyInput = z.object({
  name: Name,
  role: z.enum(ROLES),
  /** Required for an `operator` key, refused for the others. */
  operator_id: Id.nullable().default(null),
  expires_at: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type ApiKeyInput = z.infer<typeof ApiKeyInput>;

export const ApiKeyPath = z.object({ key_id: z.string().regex(/^[0-9a-f]{12}$/, 'a key id: 12 hexadecimal digits') });

export { ApiKeyInfo };

/** `GET /api-keys/me`. */
export const CurrentKey = z.object({
  key_id: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(ROLES),
  operator_id: z.number().int().nullable(),
});
/** `POST /api-keys/`'s answer: the only time the key itself is shown. */
export const ApiKeyWithSecret = ApiKeyInfo.extend({ key: z.string() });
