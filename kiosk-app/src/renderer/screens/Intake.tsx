import { useEffect, useState } from 'react';
import { CCCD_PATTERN, NOTICE_CONSENT, PHONE_PATTERN } from '@layso/protocol';
import { Banner, Bi, Button, format, Icon, type Bilingual } from '@layso/ui-kit';
import { NAME, type Draft } from '../flow.js';
import { Keyboard } from '../keyboard/Keyboard.js';
import { KeyboardField } from '../keyboard/KeyboardField.js';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

type Field = 'fullName' | 'phone' | 'idNumber';
type Intake = NonNullable<Draft['intake']>;

const FIELDS: { field: Field; label: Bilingual; mode: 'letters' | 'digits'; max: number }[] = [
  { field: 'fullName', label: M.fullName, mode: 'letters', max: 120 },
  { field: 'phone', label: M.phone, mode: 'digits', max: 10 },
  { field: 'idNumber', label: M.idNumber, mode: 'digits', max: 12 },
];

/** Why a field is not accepted, in words a citizen understands; null when it is fine or empty. */
export function fieldProblem(field: Field, value: string): Bilingual | null {
  if (!value) return null;
  if (field === 'phone') return PHONE_PATTERN.test(value) ? null : M.phoneInvalid;
  if (field === 'idNumber') return CCCD_PATTERN.test(value) ? null : M.idInvalid;
  return NAME.test(value.trim()) ? null : M.nameInvalid;
}

/**
 * Optional details with consent first (Decree 13/2023: why, who sees it, how long it is kept). A scanned CCCD
 * fills the fields; the citizen can still correct them on the on-screen keyboard.
 */
export function IntakeForm({
  centerName,
  initial,
  retentionDays,
  textNotices,
  scanned,
  consented,
  onSave,
  onClear,
  onBack,
  onHome,
}: {
  centerName: string;
  initial: Intake | null;
  retentionDays: number;
  /** The center sends text notices (ZNS or SMS on): offer them. */
  textNotices: boolean;
  /** True when the values came from a CCCD scan just now. */
  scanned: boolean;
  /** Consent given earlier in this visit (a scan alone is not consent). */
  consented: boolean;
  onSave: (intake: Intake) => void;
  onClear: () => void;
  onBack: () => void;
  onHome: () => void;
}) {
  const [consent, setConsent] = useState(consented);
  const [values, setValues] = useState<Record<Field, string>>({
    fullName: initial?.fullName ?? '',
    phone: initial?.phone ?? '',
    idNumber: initial?.idNumber ?? '',
  });
  const [wantsNotices, setWantsNotices] = useState(initial?.notices === true);
  const landscape = useLandscape();
  const [active, setActive] = useState<Field>('fullName');
  const [tried, setTried] = useState(false);
  const spec = FIELDS.find((f) => f.field === active) ?? FIELDS[0]!;
  const problems = FIELDS.map((f) => fieldProblem(f.field, values[f.field]));
  // Notices need a number to go to: the choice waits for a valid phone and is dropped with it.
  const phoneOk = values.phone !== '' && fieldProblem('phone', values.phone) === null;
  const save = () => {
    setTried(true);
    if (!consent || problems.some(Boolean)) return;
    const out: Intake = { ...(initial?.birthYear ? { birthYear: initial.birthYear } : {}) };
    if (values.fullName.trim()) out.fullName = values.fullName.trim();
    if (values.phone) out.phone = values.phone;
    if (values.idNumber) out.idNumber = values.idNumber;
    if (textNotices && wantsNotices && phoneOk) out.notices = true;
    onSave(out);
  };
  // Text notices, agreed to apart from the details. In landscape the fields leave no room: beside the keypad while
  // a number is typed (the letters keyboard needs the whole side).
  const notices = (
    <div className="k-consent k-notices" data-testid="notices">
      <p>
        <Bi m={{ vi: NOTICE_CONSENT.vi, en: NOTICE_CONSENT.en }} />
      </p>
      <Button
        variant={wantsNotices && phoneOk ? 'primary' : 'secondary'}
        size="large"
        disabled={!phoneOk}
        onClick={() => setWantsNotices((n) => !n)}
        testId="notices-consent"
      >
        <Icon name={wantsNotices && phoneOk ? 'checked' : 'unchecked'} /> <Bi m={M.noticesAgree} />
      </Button>
      {phoneOk ? null : (
        <p className="k-hint">
          <Bi m={M.noticesNeedPhone} />
        </p>
      )}
    </div>
  );
  return (
    <Layout
      centerName={centerName}
      onBack={onBack}
      onHome={onHome}
      testId="intake"
      footer={
        <>
          {textNotices && consent && landscape && spec.mode === 'digits' ? notices : null}
          {consent ? (
            <Keyboard
              value={values[active]}
              onChange={(v) => setValues((s) => ({ ...s, [active]: v }))}
              mode={spec.mode}
              maxLength={spec.max}
              capitalize={active === 'fullName'}
            />
          ) : null}
          <div className="k-actions k-actions-keyboard">
            <Button size="large" onClick={save} testId="intake-save">
              <Bi m={M.saveDetails} />
            </Button>
            {initial ? (
              <Button variant="ghost" size="large" onClick={onClear} testId="intake-clear">
                <Bi m={M.clearDetails} />
              </Button>
            ) : null}
          </div>
        </>
      }
    >
      <h1 className="k-title">
        <Bi m={M.intakeTitle} />
      </h1>
      {scanned ? <Banner tone="info" title={M.scanned} testId="scanned" /> : null}
      <div className="k-consent">
        {/* Read before agreeing; once agreed, the fields need the room. */}
        {consent ? null : (
          <p>
            <Bi m={format(M.consentText, { days: retentionDays })} />
          </p>
        )}
        <Button
          variant={consent ? 'primary' : 'secondary'}
          size="large"
          onClick={() => setConsent((c) => !c)}
          testId="consent"
        >
          <Icon name={consent ? 'checked' : 'unchecked'} /> <Bi m={M.consentAgree} />
        </Button>
      </div>
      {tried && !consent ? <Banner tone="warning" title={M.consentNeeded} /> : null}
      <p className="k-hint">
        <Bi m={M.scanHint} />
      </p>
      <div className="k-fields">
        {FIELDS.map((f, i) => {
          const problem = problems[i];
          const show = problem && (tried || (f.field !== active && values[f.field]));
          return (
            <KeyboardField
              key={f.field}
              label={f.label}
              value={values[f.field]}
              active={active === f.field}
              disabled={!consent}
              error={show ? problem : null}
              onActivate={() => setActive(f.field)}
              testId={`field-${f.field}`}
            />
          );
        })}
      </div>
      {textNotices && consent && !landscape ? notices : null}
    </Layout>
  );
}

/** Whether the kiosk's screen is landscape (a kiosk is turned once, but the window may be resized in a test). */
function useLandscape(): boolean {
  const query = '(orientation: landscape)';
  const [landscape, setLandscape] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setLandscape(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return landscape;
}
