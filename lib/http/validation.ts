import type { z } from 'zod';

/** One entry of a FastAPI (pydantic 1) validation error: `{"loc": ["body", "max_load"], "msg": ..., "type": ...}`. */
export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** The request did not match its schema (HTTP 422, FastAPI's shape). */
export class RequestValidationError extends Error {
  override readonly name = 'RequestValidationError';
  constructor(readonly detail: ValidationDetail[]) {
    super('Request validation failed');
  }
}

const typeNames: Record<string, [msg: string, type: string]> = {
  int: ['value is not a valid integer', 'type_error.integer'],
  number: ['value is not a valid integer', 'type_error.integer'],
  boolean: ['value could not be parsed to a boolean', 'type_error.bool'],
  string: ['str type expected', 'type_error.str'],
  object: ['value is not a valid dict', 'type_error.dict'],
};

/** Words a seed (FastAPI + pydantic 1) client already knows, for each zod issue. */
function describe(issue: z.core.$ZodIssue): Omit<ValidationDetail, 'loc'> {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return { msg: 'field required', type: 'value_error.missing' };
      const [msg, type] = typeNames[issue.expected] ?? [issue.message, `type_error.${issue.expected}`];
      return { msg, type };
    }
    case 'too_small':
      return issue.origin === 'string'
        ? {
            msg: `ensure this value has at least ${issue.minimum} characters`,
            type: 'value_error.any_str.min_length',
            ctx: { limit_value: Number(issue.minimum) },
          }
        : {
            msg: `ensure this value is greater than or equal to ${issue.minimum}`,
            type: 'value_error.number.not_ge',
            ctx: { limit_value: Number(issue.minimum) },
          };
    case 'too_big':
      return issue.origin === 'string'
        ? {
            msg: `ensure this value has at most ${issue.maximum} characters`,
            type: 'value_error.any_str.max_length',
            ctx: { limit_value: Number(issue.maximum) },
          }
        : {
            msg: `ensure this value is less than or equal to ${issue.maximum}`,
            type: 'value_error.number.not_le',
            ctx: { limit_value: Number(issue.maximum) },
          };
    case 'invalid_format':
      return issue.message === typeNames.int![0]
        ? { msg: issue.message, type: 'type_error.integer' }
        : { msg: issue.message, type: 'value_error.str.regex' };
    default:
      return { msg: issue.message, type: 'value_error' };
  }
}

/** Validates one part of a request (`body`, `path`, `query`) and returns its typed value, or throws a 422. */
export function parsePart<S extends z.ZodType>(part: 'body' | 'path' | 'query' | 'headers', schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw new RequestValidationError(
    result.error.issues.map((issue) => ({
      loc: [part === 'headers' ? 'header' : part, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))],
      ...describe(issue),
    })),
  );
}

/** Parses a JSON body, turning a syntax error into FastAPI's `value_error.jsondecode` at the failing position. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Invalid JSON';
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? text.length);
    throw new RequestValidationError([{ loc: ['body', position], msg: message, type: 'value_error.jsondecode', ctx: { pos: position } }]);
  }
}
