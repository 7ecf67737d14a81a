import { useState } from 'preact/hooks';
import type { Contact, Source } from '../api/types';
import { describeError } from '../i18n/errors';
import { usePage } from './context';
import { Field, FormError } from './fields';
import { RoutingDetails } from './RoutingDetails';
import { useAction } from './use-action';

/** Registers a contact as a bot or a web form would, and shows where it went. */
export function TestContactPanel({ sources }: { sources: Source[] }) {
  const { t, api, operatorName } = usePage();
  const [externalId, setExternalId] = useState('');
  const [chosenSource, setChosenSource] = useState<string>('');
  const [sent, setSent] = useState<Contact | null>(null);
  const send = useAction((body: Record<string, unknown>) => api.request<Contact>('POST', '/contacts/', body));
  const error = send.error ? describeError(send.error, t, ['lead_external_id', 'source_id']) : null;
  // Until one is chosen, the first source; a source chosen before stays chosen.
  const sourceId = chosenSource || String(sources[0]?.id ?? '');

  const submit = async (event: Event) => {
    event.preventDefault();
    setSent(null);
    const contact = await send.run({ lead_external_id: externalId, source_id: sourceId === '' ? null : Number(sourceId) });
    if (contact) setSent(contact);
  };
  return (
    <section class="panel test-contact" aria-labelledby="test-title">
      <h2 id="test-title">{t.test.title}</h2>
      <form class="create-form" noValidate onSubmit={submit} aria-label={t.test.title}>
        <div class="fields">
          <Field id="test-external-id" label={t.test.externalId} error={error?.fields.lead_external_id}>
            <input
              id="test-external-id"
              value={externalId}
              placeholder="+79161234567"
              autoComplete="off"
              onInput={(event) => {
                send.clearError();
                setExternalId(event.currentTarget.value);
              }}
              aria-describedby="test-external-id-error"
              aria-invalid={Boolean(error?.fields.lead_external_id)}
            />
          </Field>
          <Field id="test-source" label={t.test.source} error={error?.fields.source_id}>
            <select
              id="test-source"
              value={sourceId}
              onChange={(event) => setChosenSource(event.currentTarget.value)}
              aria-describedby="test-source-error"
            >
              {sources.map((source) => (
                <option value={String(source.id)}>{source.name}</option>
              ))}
            </select>
          </Field>
          <button type="submit" disabled={send.pending || sources.length === 0}>
            {send.pending ? t.test.sending : t.test.send}
          </button>
        </div>
        {sources.length === 0 && <p class="note">{t.test.noSources}</p>}
        <FormError error={error} />
      </form>
      {sent && (
        <div class="sent" role="status">
          <p class="result">
            {sent.operator_id === null
              ? t.test.waits(sent.id)
              : sent.status === 'offered'
                ? t.test.offeredTo(sent.id, operatorName(sent.operator_id))
                : t.test.wentTo(sent.id, operatorName(sent.operator_id))}
          </p>
          <RoutingDetails contact={sent} />
        </div>
      )}
    </section>
  );
}
