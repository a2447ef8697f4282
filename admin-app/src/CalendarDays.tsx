import { useState } from 'react';
import { Bi, Button, DateField, format, formatClock, formatDate, type Bilingual } from '@layso/ui-kit';
import { D } from './dossier-messages.js';
import { A } from './messages.js';

/** Noon in Vietnam on a `YYYY-MM-DD` day: its weekday whatever the browser's zone. */
const noonOf = (day: string) => new Date(`${day}T12:00:00+07:00`);

/**
 * A list of days the admin adds to and removes from (the center's holidays, its make-up working days), shown
 * as "Thứ Sáu, 01/01/2027" so a holiday typed on a weekend stands out. The server keeps the list sorted, each
 * day once; the same is done here so the list reads right before it is saved.
 */
export function CalendarDays({
  name,
  label,
  hint,
  days,
  onChange,
}: {
  name: string;
  label: Bilingual;
  hint: Bilingual;
  days: readonly string[];
  onChange: (days: string[]) => void;
}) {
  const [adding, setAdding] = useState<string | null>('');
  const add = () => {
    if (!adding) return;
    onChange([...new Set([...days, adding])].sort());
    setAdding('');
  };
  return (
    <fieldset
      className="ad-order ad-days"
      data-testid={`settings-${name}`}
      // Enter in the day's field adds it, rather than saving the whole form.
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
          e.preventDefault();
          add();
        }
      }}
    >
      <legend>
        <Bi m={label} />
      </legend>
      <small className="ad-hint">{hint.vi}</small>
      {days.length ? (
        <ul>
          {days.map((d) => (
            <li key={d} data-testid={`settings-${name}-day`}>
              <span>{formatClock(noonOf(d)).vi}</span>
              <Button
                variant="ghost"
                label={format(D.removeDay, { date: formatDate(d) }).vi}
                onClick={() => onChange(days.filter((x) => x !== d))}
                testId={`settings-${name}-remove-${d}`}
              >
                <Bi m={A.remove} single />
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="ad-hint">{D.noDays.vi}</p>
      )}
      <div className="ad-row">
        <DateField
          label={D.dayToAdd}
          singleLabel
          name={`${name}-add`}
          value={adding}
          onChange={setAdding}
          testId={`settings-${name}-date`}
        />
        <Button variant="secondary" disabled={!adding} onClick={add} testId={`settings-${name}-add`}>
          <Bi m={A.add} single />
        </Button>
      </div>
    </fieldset>
  );
}
