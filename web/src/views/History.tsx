import { useEffect, useState } from 'preact/hooks';
import type { AuditedEntity, AuditRecord } from '../api/types';
import { errorSentence } from '../i18n/errors';
import { usePage } from './context';
import { formatTime } from './time';

/** How many changes the history shows, newest first. */
export const HISTORY_SHOWN = 10;

const shown = (value: unknown): string =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** A record's changes as `field: before → after`, in one line, by field name. */
export const changesLine = (record: AuditRecord): string =>
  Object.entries(record.changes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([field, { from, to }]) => `${field}: ${shown(from)} → ${shown(to)}`)
    .join('; ');

/**
 * Who changed an entity by hand, when, and what (its audit trail), read when opened. Shown to the keys
 * that may read the trail (managers and admins), beside the entity itself.
 */
export function History({ entity, id, name }: { entity: AuditedEntity; id: number; name: string }) {
  const { t, api, access, locale } = usePage();
  const [open, setOpen] = useState(false);
  const [read, setRead] = useState<{ records?: AuditRecord[]; error?: unknown } | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    setRead(null);
    api.page<AuditRecord>('/audit/', { entity, entity_id: id, limit: HISTORY_SHOWN }).then(
      (page) => current && setRead({ records: page.items }),
      (error: unknown) => current && setRead({ error }),
    );
    return () => {
      current = false;
    };
  }, [api, entity, id, open]);
  if (access.role !== 'admin' && access.role !== 'manager') return null;
  return (
    <div class="history">
      <button type="button" class="link" aria-expanded={open} aria-label={t.history.of(name)} onClick={() => setOpen(!open)}>
        {t.history.show}
      </button>
      {open && read === null && <p class="note">{t.history.loading}</p>}
      {open && read?.error !== undefined && (
        <p class="form-error" role="alert">
          {errorSentence(read.error, t)}
        </p>
      )}
      {open && read?.records?.length === 0 && <p class="empty">{t.history.none}</p>}
      {open && read?.records && read.records.length > 0 && (
        <ol class="history-list" aria-label={t.history.of(name)}>
          {read.records.map((record) => (
            <li key={record.id}>
              <span class="when">{formatTime(record.at, locale)}</span>{' '}
              {t.history.line(t.history.actions[record.action] ?? record.action, record.key_name ?? t.history.noKey)}
              {Object.keys(record.changes).length > 0 && <span class="changes"> {changesLine(record)}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
