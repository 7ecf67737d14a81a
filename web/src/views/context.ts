import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { KeyAccess } from '../api/access';
import type { ApiClient } from '../api/client';
import type { Operator, Source } from '../api/types';
import type { Locale, Messages } from '../i18n/messages';

/** What every view needs: the words, the API, and a way to show the effect of a change at once. */
export interface Page {
  t: Messages;
  locale: Locale;
  api: ApiClient;
  /** The key's role; an admin's until the API has said. */
  access: KeyAccess;
  refresh(): Promise<void>;
  operatorName(id: number | null): string;
  sourceName(id: number): string;
}

export const PageContext = createContext<Page | null>(null);

export function usePage(): Page {
  const page = useContext(PageContext);
  if (!page) throw new Error('usePage outside of <PageContext.Provider>');
  return page;
}

/** Names of operators and sources by id, falling back to `#id` for one the page has not read yet. */
export function namers(operators: readonly Operator[], sources: readonly Source[], t: Messages) {
  const operatorNames = new Map(operators.map((operator) => [operator.id, operator.name]));
  const sourceNames = new Map(sources.map((source) => [source.id, source.name]));
  return {
    operatorName: (id: number | null) => (id === null ? t.common.nobody : (operatorNames.get(id) ?? `#${id}`)),
    sourceName: (id: number) => sourceNames.get(id) ?? `#${id}`,
  };
}
