// SPDX-License-Identifier: EUPL-1.2
// A form field as the DSFR draws it: its label (and hint), the control, and its error in
// French right under it (fr-error-text, tied to the control by aria-describedby).
import type { ComponentChildren } from 'preact';

export type FieldKind = 'text' | 'number' | 'date' | 'time' | 'email' | 'password' | 'datetime-local';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
}

function Label({ id, label, hint }: FieldProps) {
  return (
    <label class="fr-label" for={id}>
      {label}
      {hint && <span class="fr-hint-text">{hint}</span>}
    </label>
  );
}

function ErrorText({ id, error }: FieldProps) {
  return error ? (
    <p class="fr-error-text" id={`${id}-erreur`}>
      {error}
    </p>
  ) : null;
}

export function InputField(props: FieldProps & { type?: FieldKind; value: string; onInput: (v: string) => void; step?: string; min?: string; max?: string }) {
  const { id, error } = props;
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <Label {...props} />
      <input class={`fr-input${error ? ' fr-input--error' : ''}`} id={id} name={id} type={props.type ?? 'text'} value={props.value}
        step={props.step} min={props.min} max={props.max} required={props.required}
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-erreur` : undefined}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)} />
      <ErrorText {...props} />
    </div>
  );
}

export function SelectField(props: FieldProps & { value: string; onChange: (v: string) => void; children: ComponentChildren }) {
  const { id, error } = props;
  return (
    <div class={`fr-select-group${error ? ' fr-select-group--error' : ''}`}>
      <Label {...props} />
      <select class={`fr-select${error ? ' fr-select--error' : ''}`} id={id} name={id} value={props.value} required={props.required}
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-erreur` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {props.children}
      </select>
      <ErrorText {...props} />
    </div>
  );
}

export function CheckboxField(props: FieldProps & { checked: boolean; onChange: (v: boolean) => void }) {
  const { id, error } = props;
  return (
    <div class={`fr-checkbox-group${error ? ' fr-checkbox-group--error' : ''}`}>
      <input type="checkbox" id={id} name={id} checked={props.checked}
        aria-describedby={error ? `${id}-erreur` : undefined}
        onChange={(e) => props.onChange((e.target as HTMLInputElement).checked)} />
      <Label {...props} />
      <ErrorText {...props} />
    </div>
  );
}
