import { useRef, useState } from 'preact/hooks';
import {
  ROUTING_MODES,
  type Assignment,
  type Contact,
  type Operator,
  type RoutingMode,
  type RoutingPolicy,
  type Source,
} from '../api/types';
import { describeError } from '../i18n/errors';
import { usePage } from './context';
import { Field, FieldError, FormError } from './fields';
import { useAction } from './use-action';

/**
 * One operator's weight for one source, edited in place: typing a number into an empty cell assigns
 * the operator, changing it changes the weight, clearing it unassigns.
 */
function WeightCell({ operator, source, assignment }: { operator: Operator; source: Source; assignment: Assignment | undefined }) {
  const { t, api } = usePage();
  const [draft, setDraft] = useState<string | null>(null);
  const change = useAction(async (text: string) => {
    const weight = text === '' ? null : Number(text);
    if (!assignment) {
      if (weight !== null) await api.request('POST', '/assignments/', { operator_id: operator.id, source_id: source.id, weight });
    } else if (weight === null) {
      await api.request('DELETE', `/assignments/${assignment.id}`);
    } else if (weight !== assignment.weight) {
      await api.request('PUT', `/assignments/${assignment.id}`, { weight });
    }
    return true;
  });
  // Enter and the blur that follows must not send the same change twice.
  const sending = useRef(false);
  const stored = assignment ? String(assignment.weight) : '';
  const value = draft ?? stored;
  const error = change.error ? describeError(change.error, t, ['weight']) : null;
  const errorText =
    error && [error.fields.weight && `${t.fields.weight}: ${error.fields.weight}`, ...error.general].filter(Boolean).join(' ');
  const id = `weight-${operator.id}-${source.id}`;

  const commit = async () => {
    if (sending.current) return;
    if (draft === null || draft.trim() === stored) return setDraft(null);
    sending.current = true;
    // On failure the draft stays, so the cell shows what was typed beside why it was refused.
    if (await change.run(draft.trim())) setDraft(null);
    sending.current = false;
  };
  return (
    <td class={assignment ? 'assigned' : 'unassigned'}>
      <input
        type="number"
        inputMode="numeric"
        class="weight"
        value={value}
        aria-label={t.weights.weightOf(operator.name, source.name)}
        aria-describedby={`${id}-error`}
        aria-invalid={Boolean(errorText)}
        onInput={(event) => {
          change.clearError();
          setDraft(event.currentTarget.value);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void commit();
          if (event.key === 'Escape') {
            setDraft(null);
            change.clearError();
          }
        }}
      />
      <FieldError id={`${id}-error`} text={errorText || undefined} />
    </td>
  );
}

/** A source's column head: its name, how many contacts wait, and its routing mode. */
function SourceHead({ source, waiting }: { source: Source; waiting: number }) {
  const { t, api } = usePage();
  const routing = source.routing ?? { mode: 'weighted_random', sticky: false };
  const update = useAction((next: RoutingPolicy) => api.request('PUT', `/sources/${source.id}`, { name: source.name, routing: next }));
  const [offerTimeout, setOfferTimeout] = useState<string | null>(null);
  const shownTimeout = offerTimeout ?? (routing.offer ? String(routing.offer.timeout_s) : '');
  const saveTimeout = async () => {
    if (offerTimeout === null) return;
    const seconds = offerTimeout.trim() === '' ? null : Number(offerTimeout);
    const offer = seconds === null ? undefined : { max_offers: 3, on_away: 'reoffer' as const, ...routing.offer, timeout_s: seconds };
    if ((await update.run({ ...routing, offer })) !== undefined) setOfferTimeout(null);
  };
  const error = update.error ? describeError(update.error, t) : null;
  return (
    <th scope="col" class="source-head">
      <span class="source-name">{source.name}</span>
      <span class={`waiting ${waiting > 0 ? 'has-waiting' : ''}`}>{t.weights.waiting(waiting)}</span>
      <select
        aria-label={t.weights.routingOf(source.name)}
        value={routing.mode}
        disabled={update.pending}
        onChange={(event) => update.run({ ...routing, mode: event.currentTarget.value as RoutingMode })}
      >
        {ROUTING_MODES.map((mode) => (
          <option value={mode}>{t.modes[mode]}</option>
        ))}
      </select>
      <label class="inline sticky">
        <input
          type="checkbox"
          checked={routing.sticky}
          aria-label={t.weights.stickyOf(source.name)}
          onChange={(event) => update.run({ ...routing, sticky: event.currentTarget.checked })}
        />
        <span aria-hidden="true">{t.weights.sticky}</span>
      </label>
      <label class="inline offer">
        <input
          type="number"
          inputMode="numeric"
          value={shownTimeout}
          placeholder={t.offers.none}
          aria-label={t.offers.timeoutOf(source.name)}
          onInput={(event) => setOfferTimeout(event.currentTarget.value)}
          onBlur={saveTimeout}
          onKeyDown={(event) => event.key === 'Enter' && void saveTimeout()}
        />
        <span aria-hidden="true">{t.offers.timeout}</span>
      </label>
      <FormError error={error} />
    </th>
  );
}

function CreateSourceForm() {
  const { t, api } = usePage();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<RoutingMode>('weighted_random');
  const create = useAction((body: Record<string, unknown>) => api.request('POST', '/sources/', body));
  const error = create.error ? describeError(create.error, t, ['name']) : null;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await create.run({ name, routing: { mode, sticky: false } })) setName('');
  };
  return (
    <form class="create-form" noValidate onSubmit={submit} aria-label={t.weights.createSource}>
      <h3>{t.weights.createSource}</h3>
      <div class="fields">
        <Field id="new-source-name" label={t.fields.name} error={error?.fields.name}>
          <input
            id="new-source-name"
            value={name}
            onInput={(event) => {
              create.clearError();
              setName(event.currentTarget.value);
            }}
            aria-describedby="new-source-name-error"
            aria-invalid={Boolean(error?.fields.name)}
          />
        </Field>
        <Field id="new-source-mode" label={t.fields.routing} error={undefined}>
          <select id="new-source-mode" value={mode} onChange={(event) => setMode(event.currentTarget.value as RoutingMode)}>
            {ROUTING_MODES.map((option) => (
              <option value={option}>{t.modes[option]}</option>
            ))}
          </select>
        </Field>
        <button type="submit" disabled={create.pending}>
          {t.weights.addSource}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}

/** The operators x sources matrix of weights, each source's routing mode and backlog, and a form for a new source. */
export function WeightsPanel({
  operators,
  sources,
  assignments,
  waiting,
}: {
  operators: Operator[];
  sources: Source[];
  assignments: Assignment[];
  waiting: Contact[];
}) {
  const { t } = usePage();
  const assignmentOf = new Map(assignments.map((assignment) => [`${assignment.operator_id}:${assignment.source_id}`, assignment]));
  const waitingOf = (source: Source) => waiting.filter((contact) => contact.source_id === source.id).length;
  return (
    <section class="panel weights" aria-labelledby="weights-title">
      <h2 id="weights-title">{t.weights.title}</h2>
      {sources.length === 0 && <p class="empty">{t.weights.noSources}</p>}
      {sources.length > 0 && operators.length === 0 && <p class="empty">{t.weights.noOperators}</p>}
      {sources.length > 0 && operators.length > 0 && (
        <>
          <div class="matrix-scroll">
            <table class="matrix">
              <thead>
                <tr>
                  <th scope="col">{t.weights.operator}</th>
                  {sources.map((source) => (
                    <SourceHead key={source.id} source={source} waiting={waitingOf(source)} />
                  ))}
                </tr>
              </thead>
              <tbody>
                {operators.map((operator) => (
                  <tr key={operator.id} class={operator.is_active ? '' : 'inactive'}>
                    <th scope="row">{operator.name}</th>
                    {sources.map((source) => (
                      <WeightCell
                        key={source.id}
                        operator={operator}
                        source={source}
                        assignment={assignmentOf.get(`${operator.id}:${source.id}`)}
                      />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">{t.weights.hint}</p>
        </>
      )}
      <CreateSourceForm />
    </section>
  );
}
