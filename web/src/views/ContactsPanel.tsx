import { useState } from 'preact/hooks';
import type { Contact, ContactStatus, Operator, Source } from '../api/types';
import { errorSentence } from '../i18n/errors';
import type { ContactFilter } from '../model/contacts';
import { CONTACTS_SHOWN } from '../state/snapshot';
import { usePage } from './context';
import { History } from './History';
import { RoutingDetails } from './RoutingDetails';
import { Countdown } from './Countdown';
import { formatTime } from './time';
import { useAction } from './use-action';

const BY_WEIGHTS = '';

/** Close, reopen and reassign: only on an API with the contact lifecycle. */
function ContactActions({ contact, operators }: { contact: Contact; operators: Operator[] }) {
  const { t, api } = usePage();
  const [target, setTarget] = useState(BY_WEIGHTS);
  const act = useAction((action: 'close' | 'reopen' | 'reassign', body?: unknown) =>
    api.request<Contact>('POST', `/contacts/${contact.id}/${action}`, body),
  );
  const others = operators.filter((operator) => operator.id !== contact.operator_id);
  return (
    <>
      <span class="contact-actions">
        {contact.status === 'closed' ? (
          <button type="button" class="secondary" disabled={act.pending} onClick={() => act.run('reopen')}>
            {t.contacts.reopen}
          </button>
        ) : (
          <>
            <button type="button" class="secondary" disabled={act.pending} onClick={() => act.run('close')}>
              {t.contacts.close}
            </button>
            <span class="reassign">
              <select
                aria-label={t.contacts.reassignTo(contact.id)}
                value={target}
                onChange={(event) => setTarget(event.currentTarget.value)}
              >
                <option value={BY_WEIGHTS}>{t.contacts.byWeights}</option>
                {others.map((operator) => (
                  <option value={String(operator.id)}>{operator.name}</option>
                ))}
              </select>
              <button
                type="button"
                class="secondary"
                disabled={act.pending}
                onClick={() => act.run('reassign', target === BY_WEIGHTS ? {} : { operator_id: Number(target) })}
              >
                {t.contacts.reassign}
              </button>
            </span>
          </>
        )}
      </span>
      {act.error !== null && (
        <p class="form-error" role="alert">
          {errorSentence(act.error, t)}
        </p>
      )}
    </>
  );
}

function ContactRow({ contact, operators }: { contact: Contact; operators: Operator[] }) {
  const { t, locale, operatorName, sourceName } = usePage();
  const [expanded, setExpanded] = useState(false);
  const id = `contact-${contact.id}-routing`;
  return (
    <li class={`contact ${contact.status ?? 'open'} ${contact.operator_id === null ? 'waiting' : ''}`}>
      <div class="contact-line">
        <button type="button" class="link" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
          {t.common.contactNo(contact.id)} · {t.contacts.why}
        </button>
        <span class="where">{t.contacts.line(sourceName(contact.source_id), formatTime(contact.created_at, locale))}</span>
        <span class="to">{contact.operator_id === null ? t.contacts.waiting : t.contacts.to(operatorName(contact.operator_id))}</span>
        {contact.status && <span class={`badge ${contact.status}`}>{t.contacts.status[contact.status]}</span>}
        {contact.status === 'offered' && contact.offer_expires_at && <Countdown until={contact.offer_expires_at} />}
        {contact.needs_manager && <span class="badge needs-manager">{t.contacts.needsManager}</span>}
        <ContactActions contact={contact} operators={operators} />
      </div>
      {expanded && (
        <div id={id}>
          <RoutingDetails contact={contact} />
          <History entity="contact" id={contact.id} name={t.common.contactNo(contact.id)} />
        </div>
      )}
    </li>
  );
}

/** Number from a select, where '' means "any" and 'none' means "nobody". */
const parseChoice = (value: string) => (value === '' ? undefined : value === 'none' ? null : Number(value));

/** The newest contacts, filterable, each with why it went where it went and what can be done with it. */
export function ContactsPanel(props: {
  contacts: Contact[];
  operators: Operator[];
  sources: Source[];
  filter: ContactFilter;
  onFilter(filter: ContactFilter): void;
  complete: boolean;
}) {
  const { t } = usePage();
  const { filter, onFilter } = props;
  return (
    <section class="panel contacts" aria-labelledby="contacts-title">
      <h2 id="contacts-title">{t.contacts.title}</h2>
      <div class="filters">
        <select
          aria-label={t.contacts.filterSource}
          value={filter.sourceId ?? ''}
          onChange={(event) => onFilter({ ...filter, sourceId: parseChoice(event.currentTarget.value) ?? undefined })}
        >
          <option value="">{t.contacts.allSources}</option>
          {props.sources.map((source) => (
            <option value={String(source.id)}>{source.name}</option>
          ))}
        </select>
        <select
          aria-label={t.contacts.filterOperator}
          value={filter.operatorId === null ? 'none' : (filter.operatorId ?? '')}
          onChange={(event) => onFilter({ ...filter, operatorId: parseChoice(event.currentTarget.value) })}
        >
          <option value="">{t.contacts.allOperators}</option>
          <option value="none">{t.contacts.waitingOnly}</option>
          {props.operators.map((operator) => (
            <option value={String(operator.id)}>{operator.name}</option>
          ))}
        </select>
        <select
          aria-label={t.contacts.filterStatus}
          value={filter.status ?? ''}
          onChange={(event) => onFilter({ ...filter, status: (event.currentTarget.value || undefined) as ContactStatus | undefined })}
        >
          <option value="">{t.contacts.anyStatus}</option>
          <option value="open">{t.contacts.status.open}</option>
          <option value="closed">{t.contacts.status.closed}</option>
        </select>
      </div>
      {props.contacts.length === 0 ? (
        <p class="empty">{t.contacts.empty}</p>
      ) : (
        <ul class="contact-list">
          {props.contacts.map((contact) => (
            <ContactRow key={contact.id} contact={contact} operators={props.operators} />
          ))}
        </ul>
      )}
      {props.contacts.length >= CONTACTS_SHOWN && <p class="note">{t.contacts.newest(CONTACTS_SHOWN)}</p>}
    </section>
  );
}
