import { Bi, type Bilingual } from '@layso/ui-kit';

/**
 * A field typed on the kiosk's on-screen keyboard (the system one never opens: read-only, no input mode): touching it
 * makes it the one the keyboard writes to. `error` is shown under it when the caller decides it is time to.
 */
export function KeyboardField({
  label,
  value,
  active,
  disabled,
  error,
  onActivate,
  testId,
}: {
  label: Bilingual;
  value: string;
  active: boolean;
  disabled: boolean;
  error: Bilingual | null;
  onActivate: () => void;
  testId: string;
}) {
  return (
    <label className={`k-field ${active ? 'k-field-active' : ''}`}>
      <Bi m={label} className="k-field-label" />
      <input
        className="k-input"
        value={value}
        readOnly
        inputMode="none"
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onFocus={onActivate}
        onClick={onActivate}
        data-testid={testId}
      />
      {error ? (
        <span className="k-field-error" role="alert">
          <Bi m={error} />
        </span>
      ) : null}
    </label>
  );
}
