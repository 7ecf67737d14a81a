import { useEffect, useMemo, useState } from 'preact/hooks';
import { type KeyAccess, viewOf } from '../api/access';
import type { ApiClient } from '../api/client';
import type { SharePeriod } from '../api/types';
import { pickLocale } from '../i18n/locale';
import { MESSAGES, type Locale } from '../i18n/messages';
import type { ContactFilter } from '../model/contacts';
import { readApiKey, storeApiKey } from '../state/api-key';
import { readStored, writeStored } from '../state/storage';
import { useDashboard } from '../state/use-dashboard';
import { ContactsPanel } from './ContactsPanel';
import { namers, PageContext, type Page } from './context';
import { Header } from './Header';
import { OperatorPage } from './OperatorPage';
import { OperatorsPanel } from './OperatorsPanel';
import { SourcePanel } from './SourcePanel';
import { TestContactPanel } from './TestContactPanel';
import { WeightsPanel } from './WeightsPanel';
import { WhatIfPanel } from './WhatIfPanel';

const LOCALE_KEY = 'crm.locale';
/** What the page assumes of a key until the API has said what it is. */
const ADMIN: KeyAccess = { role: 'admin', operatorId: null };
const local = () => localStorage;

export function App({ api }: { api: ApiClient }) {
  const [locale, setLocale] = useState<Locale>(() => pickLocale(readStored(local, LOCALE_KEY), navigator.languages));
  // The client reads the key itself; this copy makes the page ask the API again what it can do.
  const [apiKey, setApiKey] = useState(readApiKey);
  const [filter, setFilter] = useState<ContactFilter>({});
  const [chosenSource, setChosenSource] = useState<number | null>(null);
  const [firstSource, setFirstSource] = useState<number | null>(null);
  const [period, setPeriod] = useState<SharePeriod>('all');
  // The source shown is the one chosen, or the first one while none is.
  const sourceId = chosenSource ?? firstSource;
  const dashboard = useDashboard(api, { filter, sourceId, period }, apiKey);
  const snapshot = dashboard.snapshot;
  const access = dashboard.access;
  const readOnly = access?.role === 'viewer';
  const view = access ? viewOf(access) : 'board';
  const t = MESSAGES[locale];
  // `#operator` is the operator's own page; anything else the manager's board.
  const [onOperatorPage, setOnOperatorPage] = useState(() => location.hash === '#operator');
  useEffect(() => {
    const follow = () => setOnOperatorPage(location.hash === '#operator');
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => setFirstSource(snapshot?.sources[0]?.id ?? null), [snapshot]);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.title;
  }, [locale, t]);

  const page = useMemo<Page>(
    () => ({
      t,
      locale,
      api,
      access: access ?? ADMIN,
      refresh: dashboard.refresh,
      ...namers(snapshot?.operators ?? [], snapshot?.sources ?? [], t),
    }),
    [t, locale, api, access, dashboard.refresh, snapshot],
  );
  const chooseLocale = (next: Locale) => {
    writeStored(local, LOCALE_KEY, next);
    setLocale(next);
  };
  const chooseKey = (key: string | null) => {
    storeApiKey(key);
    setApiKey(key);
  };

  return (
    <PageContext.Provider value={page}>
      <Header
        locale={locale}
        onLocale={chooseLocale}
        apiKey={apiKey}
        onKey={chooseKey}
        updatedAt={dashboard.readAt}
        error={dashboard.error}
      />
      {view === 'board' && (
        <nav class="views">
          <a href={onOperatorPage ? '#' : '#operator'}>{onOperatorPage ? t.operatorPage.back : t.operatorPage.link}</a>
        </nav>
      )}
      {/* An operator's key opens their own page, and only that: it may read nothing else. */}
      {view === 'operator' && <OperatorPage operators={[]} sources={[]} ownOperator={access!.operatorId} />}
      {view === 'none' && (
        <p class="read-only-note" role="note">
          {t.apiKey.noBoard}
        </p>
      )}
      {snapshot && onOperatorPage && <OperatorPage operators={snapshot.operators} sources={snapshot.sources} ownOperator={null} />}
      {readOnly && (
        <p class="read-only-note" role="note">
          {t.apiKey.viewOnly}
        </p>
      )}
      {snapshot && !onOperatorPage && (
        <main class="board">
          {/* A viewer's key changes nothing: every control of the board is disabled at once. */}
          <fieldset class="board-fields" disabled={readOnly}>
            <OperatorsPanel operators={snapshot.operators} />
            <TestContactPanel sources={snapshot.sources} />
            <WeightsPanel
              operators={snapshot.operators}
              sources={snapshot.sources}
              assignments={snapshot.assignments}
              waiting={snapshot.waiting}
            />
            <SourcePanel
              sources={snapshot.sources}
              sourceId={sourceId}
              onChoose={setChosenSource}
              shares={snapshot.shares}
              period={period}
              onPeriod={setPeriod}
              waiting={snapshot.waiting}
              complete={snapshot.complete}
            />
            {snapshot.sources.some((source) => source.id === sourceId) && (
              <WhatIfPanel
                source={snapshot.sources.find((source) => source.id === sourceId)!}
                operators={snapshot.operators}
                assignments={snapshot.assignments}
              />
            )}
            <ContactsPanel
              contacts={snapshot.contacts}
              operators={snapshot.operators}
              sources={snapshot.sources}
              filter={filter}
              onFilter={setFilter}
              complete={snapshot.complete}
            />
          </fieldset>
        </main>
      )}
    </PageContext.Provider>
  );
}
