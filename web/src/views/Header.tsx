import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { errorSentence } from '../i18n/errors';
import { LOCALES, type Locale } from '../i18n/messages';
import { usePage } from './context';
import { formatTime } from './time';

/** The key is kept for this browser tab only (session storage) and sent as `Authorization: Bearer`. */
function ApiKeyField({ apiKey, onKey, refused }: { apiKey: string | null; onKey(key: string | null): void; refused: boolean }) {
  const { t } = usePage();
  const [draft, setDraft] = useState(apiKey ?? '');
  const apply = () => onKey(draft.trim() || null);
  return (
    <div class="api-key">
      <label for="api-key">{t.apiKey.label}</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        value={draft}
        placeholder={t.apiKey.placeholder}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onBlur={apply}
        onKeyDown={(event) => event.key === 'Enter' && apply()}
        aria-describedby="api-key-needed"
        aria-invalid={refused}
      />
      {refused && (
        <p id="api-key-needed" class="form-error" role="alert">
          {t.apiKey.needed}
        </p>
      )}
    </div>
  );
}

/** Title, language switch, API key, and whether what the page shows is fresh. */
export function Header(props: {
  locale: Locale;
  onLocale(locale: Locale): void;
  apiKey: string | null;
  onKey(key: string | null): void;
  /** When the page last read the API; null before it first has. */
  updatedAt: Date | null;
  error: unknown;
}) {
  const { t, locale } = usePage();
  const refused = props.error instanceof ApiError && (props.error.status === 401 || props.error.status === 403);
  return (
    <header class="top">
      <div class="title">
        <h1>{t.title}</h1>
        <p class={`freshness ${props.error ? 'failing' : ''}`} role="status">
          {props.error
            ? t.status.failing(errorSentence(props.error, t))
            : props.updatedAt
              ? t.status.updated(formatTime(props.updatedAt, locale))
              : t.status.loading}
        </p>
      </div>
      <div class="controls">
        <ApiKeyField apiKey={props.apiKey} onKey={props.onKey} refused={refused} />
        <div class="language" role="group" aria-label={t.language}>
          {LOCALES.map((option) => (
            <button key={option} type="button" lang={option} aria-pressed={option === props.locale} onClick={() => props.onLocale(option)}>
              {option.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
    </header>
  );
}
