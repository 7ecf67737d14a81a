import { useEffect, useState } from 'preact/hooks';
import type { Contact, ContactWithRouting } from '../api/types';
import { errorSentence } from '../i18n/errors';
import { usePage } from './context';

/** Why a contact went where it went: each candidate operator with their weight, load and verdict. */
export function RoutingDetails({ contact }: { contact: Contact }) {
  const { t, api, operatorName } = usePage();
  const [read, setRead] = useState<{ contact?: ContactWithRouting; error?: unknown } | null>(null);
  useEffect(() => {
    let current = true;
    api.request<ContactWithRouting>('GET', `/contacts/${contact.id}`).then(
      (detailed) => current && setRead({ contact: detailed }),
      (error: unknown) => current && setRead({ error }),
    );
    return () => {
      current = false;
    };
    // Read again when the contact changes (closed, reassigned): its explanation changes with it.
  }, [api, contact.id, contact.operator_id, contact.status]);

  const destination = <p>{contact.operator_id === null ? t.routing.noWinner : t.routing.winner(operatorName(contact.operator_id))}</p>;
  if (!read) return <p class="routing">{t.routing.loading}</p>;
  if (read.error)
    return (
      <p class="routing form-error" role="alert">
        {errorSentence(read.error, t)}
      </p>
    );
  const routing = read.contact?.routing;
  if (!routing) {
    return (
      <div class="routing">
        {destination}
        <p class="note">{t.routing.none}</p>
      </div>
    );
  }
  return (
    <div class="routing">
      <p>
        {t.routing.summary(t.modes[routing.mode] ?? routing.mode, routing.attempts)}.{' '}
        {routing.winner === null ? t.routing.noWinner : t.routing.winner(operatorName(routing.winner))}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.routing.candidate}</th>
            <th scope="col">{t.routing.weight}</th>
            <th scope="col">{t.routing.load}</th>
            <th scope="col">{t.routing.verdict}</th>
          </tr>
        </thead>
        <tbody>
          {routing.candidates.map((candidate) => (
            <tr
              key={candidate.operator_id}
              class={candidate.operator_id === routing.winner ? 'winner' : candidate.eligible ? '' : 'ineligible'}
            >
              <th scope="row">{operatorName(candidate.operator_id)}</th>
              <td>{candidate.weight}</td>
              <td>
                {candidate.current_load} / {candidate.max_load}
              </td>
              <td>
                {candidate.operator_id === routing.winner ? t.routing.chosen : (t.routing.reasons[candidate.reason] ?? candidate.reason)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
