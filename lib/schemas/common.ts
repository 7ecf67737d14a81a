import * as z from 'zod';

/** A stored entity's id: a positive integer. */
export const Id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** An id in a URL path, e.g. `/operators/7`. */
export const PathId = z
  .string()
  .regex(/^\d{1,15}$/, 'value is not a valid integer')
  .transform(Number)
  .pipe(Id);

/** An id in a query string, e.g. `?operator_id=7`. */
export const QueryId = PathId;

/** A human-readable name: trimmed, never empty. */
export const Name = z.string().trim().min(1).max(200);

/** ISO-8601 UTC timestamp. */
export const Timestamp = z.string();

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** `?limit=&cursor=` of every list. */
export const ListQuery = z.object({
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'value is not a valid integer')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_PAGE_SIZE))
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(2048).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;
