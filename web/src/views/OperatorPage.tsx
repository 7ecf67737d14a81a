import { useCallback, useEffect, useState } from 'preact/hooks';
import { PRESENCES, type Contact, type Operator, type Presence, type Source } from '../api/types';
import { errorSentence } from '../i18n/errors';
import { readStored, writeStored } from '../state/storage';
import { usePage } from './context';
import { secondsUntil, useSecondTicks } from './Countdown';
import { useAction } from './use-action';

const ME_KEY = 'crm.operatorId';
/** How often the page looks for new offers; an offer lasts 5 s at the least. */
export const OPERATOR_REFRESH_MS = 2_000;

interface Mine {
  operator: Operator;
  offers: Contact[];
  open: Contact[];
}

/** The operator, their pending offers and open contacts, read again every couple of seconds; heartbeats while shown. */
function useMine(operatorId: number | null): { mine: Mine | null; error: unknown; reload(): Promise<void> } {
  const { api } = usePage();
  const [mine, setMine] = useState<Mine | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    if (operatorId === null) return setMine(null);
    try {
      const [operator, offers, open] = await Promise.all([
        api.request<Operator>('GET', `/operators/${operatorId}`),
        api.page<Contact>('/contacts/', { operator_id: operatorId, status: 'offered', limit: 100 }),
        api.page<Contact>('/contacts/', { operator_id: operatorId, status: 'open', limit: 100, order: 'desc' }),
      ]);
      setMine({ operator, offers: offers.items, open: open.items });
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, operatorId]);
  useEffect(() => {
    void reload();
    const timer = setInterval(reload, OPERATOR_REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  // With a liveness timeout, this page is the client that keeps the operator available.
  const timeout = mine?.operator.presence_timeout_s ?? null;
  useEffect(() => {
    if (operatorId === null || timeout === null) return;
    const beat = () => void api.request('POST', `/operators/${operatorId}/heartbeat`).catch(() => undefined);
    beat();
    const timer = setInterval(beat, Math.max(5, timeout / 2) * 1000);
    return () => clearInterval(timer);
  }, [api, operatorId, timeout]);
  return { mine, error, reload };
}

function OfferRow({ contact, sourceName, onChange }: { contact: Contact; sourceName: string; onChange(): Promise<void> }) {
  const { t, api } = usePage();
  const now = useSecondTicks();
  const act = useAction(async (action: 'accept' | 'decline') => {
    await api.request('POST', `/contacts/${contact.id}/${action}`);
    await onChange();
  });
  return (
    <li class="offer">
      <span>{t.operatorPage.offer(contact.id, sourceName, secondsUntil(contact.offer_expires_at ?? '', now))}</span>
      <button type="button" disabled={act.pending} onClick={() => act.run('accept')}>
        {t.operatorPage.accept}
      </button>
      <button type="button" class="secondary" disabled={act.pending} onClick={() => act.run('decline')}>
        {t.operatorPage.decline}
      </button>
      {act.error !== null && (
        <p class="form-error" role="alert">
          {errorSentence(act.error, t)}
        </p>
      )}
    </li>
  );
}

function OpenRow({ contact, sourceName, onChange }: { contact: Contact; sourceName: string; onChange(): Promise<void> }) {
  const { t, api } = usePage();
  const close = useAction(async () => {
    await api.request('POST', `/contacts/${contact.id}/close`);
    await onChange();
  });
  return (
    <li class="mine">
      <span>{t.operatorPage.contact(contact.id, sourceName)}</span>
      <button type="button" class="secondary" disabled={close.pending} onClick={() => close.run()}>
        {t.contacts.close}
      </button>
    </li>
  );
}

/**
 * An operator's own page: who they are, their presence, their offers with a countdown, and their open
 * contacts. With an operator's key it is that operator's (`ownOperator`); otherwise one is chosen.
 */
export function OperatorPage({
  operators,
  sources,
  ownOperator,
}: {
  operators: Operator[];
  sources: Source[];
  ownOperator: number | null;
}) {
  const { t, api } = usePage();
  const stored = Number(readStored(() => localStorage, ME_KEY));
  const [chosen, setChosen] = useState<number | null>(Number.isInteger(stored) && stored > 0 ? stored : null);
  const me = ownOperator ?? chosen;
  const { mine, error, reload } = useMine(me);
  const presence = useAction(async (next: Presence) => {
    await api.request('PATCH', `/operators/${me}`, { presence: next });
    await reload();
  });
  const choose = (value: string) => {
    const id = value === '' ? null : Number(value);
    writeStored(() => localStorage, ME_KEY, id === null ? null : String(id));
    setChosen(id);
  };
  const sourceName = (id: number) => sources.find((source) => source.id === id)?.name ?? `#${id}`;
  return (
    <main class="operator-page">
      <section class="panel" aria-labelledby="operator-page-title">
        <h2 id="operator-page-title">{t.operatorPage.title}</h2>
        {ownOperator === null && (
          <label>
            {t.operatorPage.whoAmI}{' '}
            <select
              aria-label={t.operatorPage.whoAmI}
              value={me === null ? '' : String(me)}
              onChange={(event) => choose(event.currentTarget.value)}
            >
              <option value="">{t.operatorPage.choose}</option>
              {operators.map((operator) => (
                <option value={String(operator.id)}>{operator.name}</option>
              ))}
            </select>
          </label>
        )}
        {mine && ownOperator !== null && <p class="whoami">{mine.operator.name}</p>}
        {mine && (
          <>
            <p>
              <select
                aria-label={t.presence.label(mine.operator.name)}
                value={mine.operator.presence ?? 'available'}
                disabled={presence.pending}
                onChange={(event) => presence.run(event.currentTarget.value as Presence)}
              >
                {PRESENCES.map((state) => (
                  <option value={state}>{t.presence.states[state]}</option>
                ))}
              </select>{' '}
              <span class={`eligibility ${mine.operator.eligible_now ? 'yes' : 'no'}`}>
                {mine.operator.not_eligible_because ? t.presence.why[mine.operator.not_eligible_because] : t.presence.takesNow}
              </span>
            </p>
            <h3>{t.operatorPage.offers}</h3>
            {mine.offers.length === 0 ? (
              <p class="empty">{t.operatorPage.noOffers}</p>
            ) : (
              <ul class="offers" aria-label={t.operatorPage.offers}>
                {mine.offers.map((contact) => (
                  <OfferRow key={contact.id} contact={contact} sourceName={sourceName(contact.source_id)} onChange={reload} />
                ))}
              </ul>
            )}
            <h3>{t.operatorPage.mine}</h3>
            {mine.open.length === 0 ? (
              <p class="empty">{t.operatorPage.noneMine}</p>
            ) : (
              <ul class="mine-list" aria-label={t.operatorPage.mine}>
                {mine.open.map((contact) => (
                  <OpenRow key={contact.id} contact={contact} sourceName={sourceName(contact.source_id)} onChange={reload} />
                ))}
              </ul>
            )}
          </>
        )}
        {error !== null && (
          <p class="form-error" role="alert">
            {errorSentence(error, t)}
          </p>
        )}
      </section>
    </main>
  );
}
