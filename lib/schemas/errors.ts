import * as z from 'zod';

/** FastAPI's validation error (422). */
export const ValidationErrorBody = z.object({
  detail: z.array(
    z.object({
      loc: z.array(z.union([z.string(), z.number()])),
      msg: z.string(),
      type: z.string(),
      ctx: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
});

/** FastAPI's other errors (401, 403, 404, 409, 413, 503): `{"detail": "Operator 7 not found"}`. */
export const ErrorBody = z.object({ detail: z.string() });
