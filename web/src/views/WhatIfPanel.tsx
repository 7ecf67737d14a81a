import { useState } from 'preact/hooks';
import {
  ROUTING_MODES,
  type Assignment,
  type Operator,
  type RoutingMode,
  type Simulation,
  type SimulationOutcome,
  type Source,
} from '../api/types';
import { describeError } from '../i18n/errors';
import { usePage } from './context';
import { FormError } from './fields';
import { useAction } from './use-action';

/** What the proposal is tried on: the source's real contacts of the last day or week, or synthetic arrivals. */
type Traffic = 'day' | 'week' | 'synthetic';
const TRAFFICS: Traffic[] = ['day', 'week', 'synthetic'];

function replayOf(traffic: Traffic, contacts: number, perHour: number, now = new Date()) {
  if (traffic === 'synthetic') return { contacts, per_hour: perHour };
  const days = traffic === 'day' ? 1 : 7;
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() };
}

/** The weights typed into the copy of the matrix, by operator: the source's own until changed. */
const weightsOf = (source: Source, operators: readonly Operator[], assignments: readonly Assignment[]) =>
  Object.fromEntries(
    operators.map((operator) => [
      operator.id,
      String(assignments.find((a) => a.source_id === source.id && a.operator_id === operator.id)?.weight ?? 0),
    ]),
  );

function Outcomes({ simulation, operators }: { simulation: Simulation; operators: readonly Operator[] }) {
  const { t } = usePage();
  const real = (id: number) => simulation.actual?.operators.find((o) => o.operator_id === id);
  const shown = simulation.simulated.operators;
  const waits = (outcome: SimulationOutcome) =>
    t.whatIf.waits(
      outcome.waited,
      t.offers.seconds(outcome.median_wait_seconds),
      t.offers.seconds(outcome.p95_wait_seconds),
      outcome.unassigned,
    );
  return (
    <div class="what-if-result">
      <table aria-label={t.whatIf.resultOf(simulation.replay.contacts)}>
        <thead>
          <tr>
            <th scope="col">{t.weights.operator}</th>
            <th scope="col">{t.whatIf.weight}</th>
            <th scope="col">{t.whatIf.shareNow}</th>
            <th scope="col">{t.whatIf.shareSimulated}</th>
            <th scope="col">{t.whatIf.peak}</th>
            <th scope="col">{t.whatIf.atCapacity}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.operator_id}>
              <th scope="row">{operators.find((o) => o.id === row.operator_id)?.name ?? row.name}</th>
              <td>{row.weight}</td>
              <td>{simulation.actual ? t.common.percent(real(row.operator_id)?.share ?? 0) : '—'}</td>
              <td>
                {t.common.percent(row.share)} <small>({row.contacts})</small>
              </td>
              <td>{row.peak_load}</td>
              <td>{t.whatIf.hours(row.hours_at_capacity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="waits simulated">
        {t.whatIf.simulatedWaits}: {waits(simulation.simulated)}
      </p>
      {simulation.actual && (
        <p class="waits actual">
          {t.whatIf.actualWaits}: {waits(simulation.actual)}
        </p>
      )}
    </div>
  );
}

/**
 * Try a change before making it: a copy of the source's weights and mode to edit, simulated on the
 * source's real contacts of the last day or week (or on synthetic traffic), the simulated shares and
 * waits beside today's, and one click to apply the copy to the real matrix.
 */
export function WhatIfPanel({ source, operators, assignments }: { source: Source; operators: Operator[]; assignments: Assignment[] }) {
  const { t, api } = usePage();
  const mode = source.routing?.mode ?? 'weighted_random';
  const [draft, setDraft] = useState<{ sourceId: number; weights: Record<string, string>; mode: RoutingMode } | null>(null);
  const current = draft?.sourceId === source.id ? draft : { sourceId: source.id, weights: weightsOf(source, operators, assignments), mode };
  const [traffic, setTraffic] = useState<Traffic>('day');
  const [contacts, setContacts] = useState('200');
  const [perHour, setPerHour] = useState('20');
  const [result, setResult] = useState<Simulation | null>(null);
  const proposed = () =>
    operators.flatMap((operator) => {
      const weight = Number(current.weights[operator.id] ?? 0);
      return weight > 0 ? [{ operator_id: operator.id, weight }] : [];
    });

  const simulate = useAction(() =>
    api.request<Simulation>('POST', `/sources/${source.id}/simulate`, {
      routing: { ...source.routing, mode: current.mode },
      assignments: proposed(),
      replay: replayOf(traffic, Number(contacts), Number(perHour)),
    }),
  );
  const apply = useAction(async () => {
    // Every weight checked first: a refusal halfway would leave the matrix half applied.
    const invalid = operators.find((operator) => !/^\d{1,7}$/.test((current.weights[operator.id] ?? '0').trim() || '0'));
    if (invalid) throw new Error(t.whatIf.invalidWeight(invalid.name));
    for (const operator of operators) {
      const assignment = assignments.find((a) => a.source_id === source.id && a.operator_id === operator.id);
      const weight = Number(current.weights[operator.id] ?? 0);
      if (assignment && weight === 0) await api.request('DELETE', `/assignments/${assignment.id}`);
      else if (assignment && weight !== assignment.weight) await api.request('PUT', `/assignments/${assignment.id}`, { weight });
      else if (!assignment && weight > 0)
        await api.request('POST', '/assignments/', { operator_id: operator.id, source_id: source.id, weight });
    }
    if (current.mode !== mode)
      await api.request('PUT', `/sources/${source.id}`, { name: source.name, routing: { ...source.routing, mode: current.mode } });
    setDraft(null);
    setResult(null);
  });
  const run = async (event: Event) => {
    event.preventDefault();
    const answer = await simulate.run();
    if (answer) setResult(answer);
  };
  const error = simulate.error ?? apply.error;
  const edit = (change: Partial<typeof current>) => {
    setDraft({ ...current, ...change });
    setResult(null);
  };

  return (
    <section class="panel what-if" aria-labelledby="what-if-title">
      <h2 id="what-if-title">{t.whatIf.title(source.name)}</h2>
      <form class="what-if-form" noValidate onSubmit={run} aria-label={t.whatIf.formOf(source.name)}>
        <div class="what-if-weights">
          {operators.map((operator) => (
            <label key={operator.id} class="inline">
              <span>{operator.name}</span>
              <input
                type="number"
                inputMode="numeric"
                min="0"
                class="weight"
                value={current.weights[operator.id] ?? '0'}
                aria-label={t.whatIf.weightOf(operator.name)}
                onInput={(event) => edit({ weights: { ...current.weights, [operator.id]: event.currentTarget.value } })}
              />
            </label>
          ))}
        </div>
        <div class="fields">
          <label class="inline">
            <span>{t.fields.routing}</span>
            <select
              aria-label={t.whatIf.modeOf(source.name)}
              value={current.mode}
              onChange={(event) => edit({ mode: event.currentTarget.value as RoutingMode })}
            >
              {ROUTING_MODES.map((option) => (
                <option value={option}>{t.modes[option]}</option>
              ))}
            </select>
          </label>
          <label class="inline">
            <span>{t.whatIf.traffic}</span>
            <select value={traffic} onChange={(event) => setTraffic(event.currentTarget.value as Traffic)}>
              {TRAFFICS.map((option) => (
                <option value={option}>{t.whatIf.traffics[option]}</option>
              ))}
            </select>
          </label>
          {traffic === 'synthetic' && (
            <>
              <label class="inline">
                <span>{t.whatIf.contacts}</span>
                <input type="number" inputMode="numeric" value={contacts} onInput={(event) => setContacts(event.currentTarget.value)} />
              </label>
              <label class="inline">
                <span>{t.whatIf.perHour}</span>
                <input type="number" inputMode="numeric" value={perHour} onInput={(event) => setPerHour(event.currentTarget.value)} />
              </label>
            </>
          )}
          <button type="submit" disabled={simulate.pending}>
            {t.whatIf.simulate}
          </button>
          <button type="button" disabled={apply.pending || draft === null} onClick={() => apply.run()}>
            {t.whatIf.apply}
          </button>
        </div>
        <FormError error={error ? describeError(error, t) : null} />
      </form>
      {result && <Outcomes simulation={result} operators={operators} />}
    </section>
  );
}
