import { useEffect, useState } from 'react';
import type { FeedbackSettings } from '@layso/protocol';
import { Banner, Bi, format } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { F } from './feedback-messages.js';
import { SETTINGS_FIELDS, settingsFromForm, type SettingsField } from './feedback-view.js';
import { A } from './messages.js';
import { Field, FormFoot, Problem, useAction, useLoad } from './parts.js';

type Typed = Record<SettingsField, string>;
const typedOf = (s: FeedbackSettings): Typed => ({
  forwardDays: String(s.forwardDays),
  answerDays: String(s.answerDays),
  soonDays: String(s.soonDays),
  retentionDays: String(s.retentionDays),
  perKioskPerHour: String(s.perKioskPerHour),
  perSenderPerDay: String(s.perSenderPerDay),
  perAddressPerDay: String(s.perAddressPerDay),
});

/**
 * The feedback settings: admins change them, supervisors and the feedback desk read them. The working days count
 * on the center's calendar, whose holidays and make-up days stay where they are edited (Settings): a link leads
 * there. Figures out of the contract's range are refused before anything is sent.
 */
export function FeedbackSettingsPage() {
  const { api, canEdit, session } = useAdmin();
  const loaded = useLoad(() => api.feedbackSettings(), [api]);
  const [enabled, setEnabled] = useState(true);
  const [typed, setTyped] = useState<Typed | null>(null);
  const [problem, setProblem] = useState<{ field: SettingsField; m: { vi: string; en: string } } | null>(
    null,
  );
  const [saved, setSaved] = useState(false);
  const save = useAction();
  useEffect(() => {
    if (!loaded.data) return;
    setEnabled(loaded.data.enabled);
    setTyped(typedOf(loaded.data));
  }, [loaded.data]);
  if (!typed) return loaded.error ? <Problem error={loaded.error} /> : <p>{A.loading.vi}</p>;
  const touch = () => {
    setSaved(false);
    setProblem(null);
  };
  return (
    <>
      <section className="ad-card bk-links">
        <p>
          <a href="/pa" target="_blank" rel="noreferrer" data-testid="feedback-page-link">
            {format(F.formLink, { url: `${location.origin}/pa` }).vi}
          </a>
          {' · '}
          <a href="/pa/poster" target="_blank" rel="noreferrer" data-testid="feedback-poster-link">
            <Bi m={F.posterLink} single />
          </a>
        </p>
        <p>
          {F.calendarHint.vi}{' '}
          {/* The feedback desk has no Settings page: the calendar is the supervisors' and admins'. */}
          {session.user.role === 'reception' ? null : (
            <a href="#settings" data-testid="feedback-calendar-link">
              <Bi m={F.calendarLink} single />
            </a>
          )}
        </p>
      </section>
      {canEdit ? null : (
        <p className="ad-readonly" data-testid="feedback-settings-readonly">
          <Bi m={F.adminsOnly} />
        </p>
      )}
      <form
        className="ad-card ad-settings"
        noValidate
        data-testid="feedback-settings"
        onSubmit={(e) => {
          e.preventDefault();
          const r = settingsFromForm(enabled, typed);
          if (!r.ok) return setProblem({ field: r.field, m: r.problem });
          void save
            .run(() => api.saveFeedbackSettings(r.settings))
            .then((s) => {
              if (!s) return;
              setEnabled(s.enabled);
              setTyped(typedOf(s));
              setSaved(true);
            });
        }}
      >
        <fieldset disabled={!canEdit} className="bk-booking">
          <label className="ad-check">
            <input
              type="checkbox"
              name="enabled"
              checked={enabled}
              onChange={(e) => {
                touch();
                setEnabled(e.target.checked);
              }}
            />
            <Bi m={F.enabled} single />
          </label>
          <small className="ad-hint">{F.enabledHint.vi}</small>
          <div className="ad-form-grid">
            {SETTINGS_FIELDS.map((k) => (
              <Field key={k} label={F[k]} hint={k === 'perAddressPerDay' ? F.perAddressHint : undefined}>
                <input
                  name={k}
                  type="number"
                  inputMode="numeric"
                  value={typed[k]}
                  aria-invalid={problem?.field === k ? true : undefined}
                  onChange={(e) => {
                    touch();
                    setTyped({ ...typed, [k]: e.target.value });
                  }}
                />
              </Field>
            ))}
          </div>
          <small className="ad-hint">{F.dueKept.vi}</small>
        </fieldset>
        {problem ? <Banner tone="danger" title={problem.m} testId="feedback-settings-problem" /> : null}
        <FormFoot
          error={save.error}
          saved={saved}
          canEdit={canEdit}
          busy={save.busy}
          testId="feedback-settings"
        />
      </form>
    </>
  );
}
