import { SHARE_PERIODS, type CandidateReason, type Contact, type SharePeriod, type Source, type SourceShares } from '../api/types';
import { WAITING_READ } from '../state/snapshot';
import { usePage } from './context';
import { History } from './History';
import { formatTime } from './time';

/**
 * Each assigned operator's expected share (from the weights) beside their actual share of the
 * source's contacts: in all, or over a period's routing decisions, with why they were passed over.
 */
function SharesChart({ source, shares, period }: { source: Source; shares: SourceShares; period: SharePeriod }) {
  const { t } = usePage();
  const decisions = period !== 'all' ? shares.period?.routing_decisions : undefined;
  const actualOf = (row: SourceShares['operators'][number]) =>
    decisions === undefined || row.routed === undefined ? row.actual_share : decisions > 0 ? row.routed / decisions : 0;
  const total = decisions ?? shares.operators.reduce((sum, row) => sum + row.assigned, 0);
  if (shares.operators.length === 0) return <p class="empty">{t.source.noAssignments}</p>;
  return (
    <figure class="shares">
      <ul class="legend" aria-hidden="true">
        <li class="expected">{t.source.expected}</li>
        <li class="actual">{t.source.actual}</li>
      </ul>
      <ul class="share-rows" aria-label={t.source.sharesOf(source.name)}>
        {shares.operators.map((row) => {
          const expected = t.common.percent(row.expected_share);
          const actual = t.common.percent(actualOf(row));
          const passedOver = Object.entries(row.passed_over ?? {}).filter(([, count]) => count > 0);
          return (
            <li key={row.operator_id} class="share-row">
              <span class="who">
                {row.name} <small>{t.source.weight(row.weight)}</small>
              </span>
              <span class="bars" aria-hidden="true">
                <span class="bar expected" style={{ width: `${row.expected_share * 100}%` }} />
                <span class="bar actual" style={{ width: `${actualOf(row) * 100}%` }} />
              </span>
              <span class="numbers">{t.source.row(expected, actual, decisions === undefined ? row.assigned : (row.routed ?? 0))}</span>
              {passedOver.length > 0 && (
                <span class="passed-over">
                  {t.source.passedOver(
                    passedOver.map(([reason, count]) => `${t.routing.reasons[reason as CandidateReason]} ${count}`).join(', '),
                  )}
                </span>
              )}
              {row.offers_accepted !== undefined && source.routing?.offer && (
                <span class="offer-stats">
                  {t.offers.stats(
                    row.offers_accepted,
                    row.offers_declined ?? 0,
                    row.offers_expired ?? 0,
                    t.offers.seconds(row.median_seconds_to_accept),
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <figcaption>
        {decisions === undefined ? t.source.total(total, t.modes[shares.mode]) : t.source.decisions(total, t.modes[shares.mode])}
        {shares.median_seconds_to_assign !== undefined && (
          <span class="to-assign"> · {t.offers.toAssign(t.offers.seconds(shares.median_seconds_to_assign))}</span>
        )}
      </figcaption>
    </figure>
  );
}

/** The source's contacts that no operator has taken yet, oldest first. */
function Backlog({ waiting, complete }: { waiting: Contact[]; complete: boolean }) {
  const { t, locale } = usePage();
  return (
    <div class="backlog">
      <h3>{t.source.backlog(waiting.length)}</h3>
      {waiting.length === 0 ? (
        <p class="empty">{t.source.backlogEmpty}</p>
      ) : (
        <ol aria-label={t.source.backlog(waiting.length)}>
          {waiting.map((contact) => (
            <li key={contact.id}>
              <strong>{t.common.contactNo(contact.id)}</strong> {t.common.leadNo(contact.lead_id)} ·{' '}
              {t.source.waitingSince(formatTime(contact.created_at, locale))}
            </li>
          ))}
        </ol>
      )}
      {!complete && waiting.length >= WAITING_READ && <p class="note">{t.source.backlogTruncated}</p>}
    </div>
  );
}

/** For the chosen source: whether it splits its contacts the way its weights say, and who waits. */
export function SourcePanel(props: {
  sources: Source[];
  sourceId: number | null;
  onChoose(sourceId: number): void;
  shares: SourceShares | null;
  period: SharePeriod;
  onPeriod(period: SharePeriod): void;
  waiting: Contact[];
  complete: boolean;
}) {
  const { t } = usePage();
  const source = props.sources.find((candidate) => candidate.id === props.sourceId);
  return (
    <section class="panel per-source" aria-labelledby="source-title">
      <h2 id="source-title">{t.source.title}</h2>
      {props.sources.length === 0 ? (
        <p class="empty">{t.source.none}</p>
      ) : (
        <>
          <div class="tabs" role="tablist" aria-label={t.source.choose}>
            {props.sources.map((candidate) => (
              <button
                key={candidate.id}
                type="button"
                role="tab"
                aria-selected={candidate.id === props.sourceId}
                onClick={() => props.onChoose(candidate.id)}
              >
                {candidate.name}
              </button>
            ))}
          </div>
          {source && (
            <div class="source-body" role="tabpanel" aria-label={source.name}>
              <label class="inline period">
                <span>{t.source.period}</span>
                <select value={props.period} onChange={(event) => props.onPeriod(event.currentTarget.value as SharePeriod)}>
                  {SHARE_PERIODS.map((period) => (
                    <option value={period}>{t.source.periods[period]}</option>
                  ))}
                </select>
              </label>
              {props.shares?.source_id === source.id && <SharesChart source={source} shares={props.shares} period={props.period} />}
              <Backlog waiting={props.waiting.filter((contact) => contact.source_id === source.id)} complete={props.complete} />
              <History entity="source" id={source.id} name={source.name} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
