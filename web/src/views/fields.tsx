import type { ComponentChildren } from 'preact';
import type { DescribedError } from '../i18n/errors';

/** An API error about one input, shown right after it. */
export function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <span id={id} class="field-error" role="alert">
      {text}
    </span>
  );
}

/** The rest of an API error, shown under the form or control that caused it. */
export function FormError({ error }: { error: DescribedError | null }) {
  if (!error?.general.length) return null;
  return (
    <p class="form-error" role="alert">
      {error.general.join(' ')}
    </p>
  );
}

/** A labelled input with room for its error: the input is passed in with `id` and `aria-describedby={`${id}-error`}`. */
export function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      <FieldError id={`${id}-error`} text={error} />
    </div>
  );
}
