import { useEffect, useState } from 'preact/hooks';
import { PRESENCES, type Operator, type Presence, WEEKDAYS, type Weekday, type WorkingHours } from '../api/types';
import { describeError } from '../i18n/errors';
import { usePage } from './context';
import { FormError } from './fields';
import { useAction } from './use-action';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The same hours on each chosen day: what most shifts are; the API takes any intervals and exceptions. */
function HoursForm({ operator, onDone }: { operator: Operator; onDone(): void }) {
  const { t, api } = usePage();
  const [current, setCurrent] = useState<WorkingHours | null | undefined>(undefined);
  const [zone, setZone] = useState(browserZone());
  const [days, setDays] = useState<Weekday[]>(['mon', 'tue', 'wed', 'thu', 'fri']);
  const [from, setFrom] = useState('09:00');
  const [to, setTo] = useState('18:00');
  const save = useAction((body: WorkingHours | null) =>
    body ? api.request('PUT', `/operators/${operator.id}/schedule`, body) : api.request('DELETE', `/operators/${operator.id}/schedule`),
  );
  useEffect(() => {
    let shown = true;
    api.request<WorkingHours>('GET', `/operators/${operator.id}/schedule`).then(
      (hours) => {
        if (!shown) return;
        setCurrent(hours);
        setZone(hours.time_zone);
        const [first] = hours.weekly;
        if (!first) return;
        setDays(hours.weekly.map((w) => w.day));
        setFrom(first.from);
        setTo(first.to);
      },
      // A 404: no hours are set.
      () => shown && setCurrent(null),
    );
    return () => {
      shown = false;
    };
  }, [api, operator.id]);
  const error = save.error ? describeError(save.error, t, ['time_zone']) : null;
  const submit = async (event: Event) => {
    event.preventDefault();
    const weekly = days.map((day) => ({ day, from, to }));
    if ((await save.run({ time_zone: zone, weekly, exceptions: current?.exceptions ?? [] })) !== undefined) onDone();
  };
  return (
    <form class="hours-form" noValidate onSubmit={submit} aria-label={t.presence.hoursOf(operator.name)}>
      <p class="note">
        {current
          ? t.presence.hoursSummary(
              current.time_zone,
              current.weekly.map((w) => `${t.presence.dayNames[w.day] ?? w.day} ${w.from}–${w.to}`).join(', '),
            )
          : t.presence.noHours}
      </p>
      <label>
        {t.presence.timeZone} <input value={zone} onInput={(event) => setZone(event.currentTarget.value)} />
      </label>
      <fieldset>
        <legend>{t.presence.days}</legend>
        {WEEKDAYS.map((day) => (
          <label class="inline" key={day}>
            <input
              type="checkbox"
              checked={days.includes(day)}
              onChange={(event) => setDays(event.currentTarget.checked ? [...days, day] : days.filter((d) => d !== day))}
            />
            <span>{t.presence.dayNames[day]}</span>
          </label>
        ))}
      </fieldset>
      <label>
        {t.presence.from} <input type="time" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
      </label>
      <label>
        {t.presence.to} <input value={to} pattern="\d\d:\d\d" onInput={(event) => setTo(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={save.pending}>
        {t.presence.saveHours}
      </button>
      <button
        type="button"
        class="secondary"
        disabled={save.pending}
        onClick={async () => (await save.run(null)) !== undefined || onDone()}
      >
        {t.presence.removeHours}
      </button>
      <FormError error={error} />
    </form>
  );
}

/** Presence switch, whether the operator can take a contact now (and why not), and their working hours. */
export function Availability({ operator }: { operator: Operator }) {
  const { t, api } = usePage();
  const [editing, setEditing] = useState(false);
  const update = useAction((presence: Presence) => api.request('PATCH', `/operators/${operator.id}`, { presence }));
  const reason = operator.not_eligible_because;
  return (
    <div class="availability">
      <select
        aria-label={t.presence.label(operator.name)}
        value={operator.presence ?? 'available'}
        disabled={update.pending}
        onChange={(event) => update.run(event.currentTarget.value as Presence)}
      >
        {PRESENCES.map((presence) => (
          <option value={presence}>{t.presence.states[presence]}</option>
        ))}
      </select>
      <span class={`eligibility ${operator.eligible_now ? 'yes' : 'no'}`}>{reason ? t.presence.why[reason] : t.presence.takesNow}</span>
      <button
        type="button"
        class="link"
        aria-label={t.presence.hoursOf(operator.name)}
        aria-expanded={editing}
        onClick={() => setEditing(!editing)}
      >
        {t.presence.hours}
      </button>
      {editing && <HoursForm operator={operator} onDone={() => setEditing(false)} />}
      <FormError error={update.error ? describeError(update.error, t) : null} />
    </div>
  );
}
