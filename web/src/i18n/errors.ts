import { ApiError } from '../api/client';
import type { Messages } from './messages';

/** An error in plain words: per field the form shows, and the rest for the form as a whole. */
export interface DescribedError {
  fields: Record<string, string>;
  general: string[];
}

interface ValidationItem {
  loc?: (string | number)[];
  msg?: string;
  type?: string;
  ctx?: { limit_value?: unknown };
}

/** A word of `words` by a key the API chose, or the key itself when the page has no word for it. */
const wordFor = (words: object, key: string): string => (words as Record<string, string | undefined>)[key] ?? key;

/** One FastAPI validation item in the user's words. */
function describeItem(item: ValidationItem, t: Messages): string {
  const limit = item.ctx?.limit_value;
  switch (item.type) {
    case 'value_error.missing':
      return t.errors.required;
    case 'value_error.number.not_ge':
      return t.errors.atLeast(limit);
    case 'value_error.number.not_le':
      return t.errors.atMost(limit);
    case 'value_error.any_str.min_length':
      return t.errors.empty;
    case 'value_error.any_str.max_length':
      return t.errors.shorterThan(limit);
    case 'type_error.integer':
      return t.errors.wholeNumber;
    default:
      return item.msg ?? String(item.type);
  }
}

/** Known sentences of the API, said in the page's language; anything else is shown as the API said it. */
function describeDetail(detail: string, t: Messages): string {
  const notFound = /^(\w+) (\S+) not found$/.exec(detail);
  if (notFound) return t.errors.notFound(wordFor(t.entities, notFound[1]!), notFound[2]!);
  const assigned = /^Operator (\S+) is already assigned to source (\S+)$/.exec(detail);
  if (assigned) return t.errors.alreadyAssigned(assigned[1]!, assigned[2]!);
  return t.errors.unexpected(detail);
}

/**
 * Says what went wrong. `formFields` are the API fields the form has inputs for: their validation
 * errors go next to those inputs; everything else is for the form as a whole.
 */
export function describeError(error: unknown, t: Messages, formFields: readonly string[] = []): DescribedError {
  const described: DescribedError = { fields: {}, general: [] };
  if (!(error instanceof ApiError)) {
    described.general.push(error instanceof Error ? error.message : String(error));
    return described;
  }
  const { status, detail } = error;
  if (status === 422 && Array.isArray(detail)) {
    for (const item of detail as ValidationItem[]) {
      const field = [...(item.loc ?? [])]
        .reverse()
        .find((part): part is string => typeof part === 'string' && !['body', 'query', 'path'].includes(part));
      const words = describeItem(item, t);
      if (field && formFields.includes(field))
        described.fields[field] = described.fields[field] ? `${described.fields[field]}; ${words}` : words;
      else described.general.push(field ? `${wordFor(t.fields, field)}: ${words}` : words);
    }
    return described;
  }
  const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
  if (status === 0) described.general.push(t.errors.network);
  else if (status === 401 || status === 403) described.general.push(t.errors.unauthorized);
  else if (status === 404) described.general.push(describeDetail(text, t));
  else if (status === 409) described.general.push(t.errors.conflict(describeDetail(text, t)));
  else if (status === 413) described.general.push(t.errors.tooLarge);
  else if (status === 503) described.general.push(t.errors.busy(error.retryAfterSeconds));
  else if (status >= 500) described.general.push(t.errors.server(status));
  else described.general.push(describeDetail(text, t));
  return described;
}

/** The whole error as one sentence, for places with no fields of their own. */
export const errorSentence = (error: unknown, t: Messages): string => describeError(error, t).general.join(' ');
