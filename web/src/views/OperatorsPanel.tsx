import { useState } from 'preact/hooks';
import type { Operator } from '../api/types';
import { describeError } from '../i18n/errors';
import { usePage } from './context';
import { Field, FieldError, FormError } from './fields';
import { Availability } from './Availability';
import { History } from './History';
import { LoadBar } from './LoadBar';
import { useAction } from './use-action';

const FIELDS = ['name', 'max_load'];

/** What the operator forms send: max load as typed when it is not a number (see numberOrText). */
interface OperatorBody {
  name: string;
  is_active: boolean;
  max_load: number | string;
}

/** A number typed into a form: sent as typed when it is not one, so that the API's words say why. */
const numberOrText = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** One operator: on/off switch, load bar, and name and max load edited in place. */
function OperatorRow({ operator }: { operator: Operator }) {
  const { t, api } = usePage();
  const [draft, setDraft] = useState<{ name: string; max_load: string } | null>(null);
  const update = useAction((body: OperatorBody) => api.request<Operator>('PUT', `/operators/${operator.id}`, body));
  const error = update.error ? describeError(update.error, t, FIELDS) : null;
  const name = draft?.name ?? operator.name;
  const maxLoad = draft?.max_load ?? String(operator.max_load);
  // Editing answers the error: it is cleared as soon as the user changes what caused it.
  const edit = (change: Partial<{ name: string; max_load: string }>) => {
    update.clearError();
    setDraft({ name, max_load: maxLoad, ...change });
  };
  const id = `operator-${operator.id}`;

  const save = async (event: Event) => {
    event.preventDefault();
    if (!draft) return;
    const saved = await update.run({ name: draft.name, is_active: operator.is_active, max_load: numberOrText(draft.max_load) });
    if (saved) setDraft(null);
  };
  // The switch saves at once, with the stored name and max load: a half-typed edit stays a draft.
  const toggle = () => update.run({ name: operator.name, is_active: !operator.is_active, max_load: operator.max_load });

  return (
    <li class={`operator ${operator.is_active ? '' : 'inactive'}`}>
      <form class="operator-form" noValidate onSubmit={save}>
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={operator.is_active}
            aria-checked={operator.is_active}
            disabled={update.pending}
            onChange={toggle}
            aria-label={t.operators.activeOf(operator.name)}
          />
          <span aria-hidden="true" />
        </label>
        <span class="operator-name">
          <input
            value={name}
            onInput={(event) => edit({ name: event.currentTarget.value })}
            aria-label={t.operators.nameOf(operator.name)}
            aria-describedby={`${id}-name-error`}
            aria-invalid={Boolean(error?.fields.name)}
          />
          <FieldError id={`${id}-name-error`} text={error?.fields.name} />
        </span>
        <LoadBar operator={operator} />
        <span class="operator-max">
          <input
            type="number"
            inputMode="numeric"
            value={maxLoad}
            onInput={(event) => edit({ max_load: event.currentTarget.value })}
            aria-label={t.operators.maxLoadOf(operator.name)}
            aria-describedby={`${id}-max-error`}
            aria-invalid={Boolean(error?.fields.max_load)}
          />
          <FieldError id={`${id}-max-error`} text={error?.fields.max_load} />
        </span>
        <span class="operator-actions">
          {draft && (
            <>
              <button type="submit" disabled={update.pending}>
                {update.pending ? t.common.saving : t.common.save}
              </button>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  setDraft(null);
                  update.clearError();
                }}
              >
                {t.common.cancel}
              </button>
            </>
          )}
        </span>
      </form>
      <FormError error={error} />
      <Availability operator={operator} />
      <History entity="operator" id={operator.id} name={operator.name} />
    </li>
  );
}

function CreateOperatorForm() {
  const { t, api } = usePage();
  const [name, setName] = useState('');
  const [maxLoad, setMaxLoad] = useState('5');
  const [active, setActive] = useState(true);
  const create = useAction((body: OperatorBody) => api.request<Operator>('POST', '/operators/', body));
  const error = create.error ? describeError(create.error, t, FIELDS) : null;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (await create.run({ name, is_active: active, max_load: numberOrText(maxLoad) })) setName('');
  };
  return (
    <form class="create-form" noValidate onSubmit={submit} aria-label={t.operators.create}>
      <h3>{t.operators.create}</h3>
      <div class="fields">
        <Field id="new-operator-name" label={t.fields.name} error={error?.fields.name}>
          <input
            id="new-operator-name"
            value={name}
            onInput={(event) => {
              create.clearError();
              setName(event.currentTarget.value);
            }}
            aria-describedby="new-operator-name-error"
            aria-invalid={Boolean(error?.fields.name)}
          />
        </Field>
        <Field id="new-operator-max" label={t.fields.max_load} error={error?.fields.max_load}>
          <input
            id="new-operator-max"
            type="number"
            inputMode="numeric"
            value={maxLoad}
            onInput={(event) => {
              create.clearError();
              setMaxLoad(event.currentTarget.value);
            }}
            aria-describedby="new-operator-max-error"
            aria-invalid={Boolean(error?.fields.max_load)}
          />
        </Field>
        <label class="inline">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.currentTarget.checked)} />
          <span>{t.fields.is_active}</span>
        </label>
        <button type="submit" disabled={create.pending}>
          {t.operators.add}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}

/** Who is overloaded and who is idle, each editable in place; and a form for a new operator. */
export function OperatorsPanel({ operators }: { operators: Operator[] }) {
  const { t } = usePage();
  const active = operators.filter((operator) => operator.is_active);
  const load = active.reduce((sum, operator) => sum + operator.current_load, 0);
  const capacity = active.reduce((sum, operator) => sum + operator.max_load, 0);
  return (
    <section class="panel operators" aria-labelledby="operators-title">
      <h2 id="operators-title">{t.operators.title}</h2>
      {operators.length > 0 ? (
        <>
          <p class="summary">{t.operators.summary(active.length, operators.length, load, capacity)}</p>
          <ul class="operator-list">
            {operators.map((operator) => (
              <OperatorRow key={operator.id} operator={operator} />
            ))}
          </ul>
        </>
      ) : (
        <p class="empty">{t.operators.empty}</p>
      )}
      <CreateOperatorForm />
    </section>
  );
}
