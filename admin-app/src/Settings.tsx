import { useEffect, useState } from 'react';
import type { CenterSettings } from '@layso/protocol';
import { AnnounceFields, Banner, Bi, Button, format } from '@layso/ui-kit';
import { CalendarDays } from './CalendarDays.js';
import { useAdmin } from './context.js';
import { D } from './dossier-messages.js';
import { A } from './messages.js';
import { Field, FormFoot, Page, Problem, useAction, useLoad } from './parts.js';
import { ProvinceBadge, useProvince } from './Province.js';

/** The center's settings; saved values take effect at once on the screens they concern. */
export function Settings() {
  const { api, canEdit } = useAdmin();
  const loaded = useLoad(() => api.settings(), [api]);
  const services = useLoad(() => api.adminServices(), [api]);
  // The announcement is the province's when its catalogue sets it (the server refuses a change of it).
  const announceLocked = useProvince().data?.managed.announce ?? false;
  const [f, setF] = useState<CenterSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const backup = useAction();
  const [backedUp, setBackedUp] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.data) setF(loaded.data);
  }, [loaded.data]);
  if (!f)
    return (
      <Page title={A.navSettings} testId="page-settings">
        {loaded.error ? <Problem error={loaded.error} /> : <p>{A.loading.vi}</p>}
      </Page>
    );
  const set = (patch: Partial<CenterSettings>) => {
    setSaved(false);
    setF({ ...f, ...patch });
  };
  return (
    <Page title={A.navSettings} testId="page-settings">
      <form
        className="ad-card ad-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save
            .run(() => api.saveSettings({ ...f, agencyId: f.agencyId?.trim() ? f.agencyId.trim() : null }))
            .then((s) => {
              if (!s) return;
              setF(s);
              setSaved(true);
            });
        }}
      >
        <fieldset disabled={!canEdit}>
          <Field label={A.centerName}>
            <input
              name="centerName"
              value={f.centerName}
              onChange={(e) => set({ centerName: e.target.value })}
            />
          </Field>
          <Field label={A.agencyId} hint={{ vi: 'Ví dụ: 000.00.12.H62', en: 'e.g. 000.00.12.H62' }}>
            <input
              name="agencyId"
              value={f.agencyId ?? ''}
              onChange={(e) => set({ agencyId: e.target.value })}
            />
          </Field>
          <fieldset disabled={announceLocked} data-testid="announce-fields">
            {announceLocked ? (
              <p>
                <ProvinceBadge testId="announce-province" /> <Bi m={A.provinceManagedHint} />
              </p>
            ) : null}
            <AnnounceFields
              value={f.announce}
              onChange={(announce) => set({ announce })}
              Field={Field}
              gridClassName="ad-form-grid"
            />
          </fieldset>
          <Field label={A.notice}>
            <textarea
              name="notice"
              rows={2}
              value={f.notice}
              onChange={(e) => set({ notice: e.target.value })}
            />
          </Field>
          <div className="ad-form-grid">
            <Field label={A.retention}>
              <input
                name="retention"
                type="number"
                min={1}
                max={3650}
                value={f.intakeRetentionDays}
                onChange={(e) => set({ intakeRetentionDays: Number(e.target.value) })}
              />
            </Field>
            <Field label={A.priorityMix}>
              <input
                name="maxPriorityInRow"
                type="number"
                min={1}
                max={20}
                value={f.maxPriorityInRow}
                onChange={(e) => set({ maxPriorityInRow: Number(e.target.value) })}
              />
            </Field>
            <Field label={A.ratingSeconds}>
              <input
                name="ratingSeconds"
                type="number"
                min={5}
                max={300}
                value={f.ratingSeconds}
                onChange={(e) => set({ ratingSeconds: Number(e.target.value) })}
              />
            </Field>
            <Field label={A.faultMode}>
              <select
                name="printerFaultMode"
                value={f.printerFaultMode}
                onChange={(e) => set({ printerFaultMode: e.target.value as 'screen' | 'stop' })}
              >
                <option value="screen">{A.faultMode_screen.vi}</option>
                <option value="stop">{A.faultMode_stop.vi}</option>
              </select>
            </Field>
            <Field label={D.uncollectedSetting} hint={D.uncollectedSettingHint}>
              <input
                name="uncollectedAlertDays"
                type="number"
                min={1}
                max={60}
                value={f.uncollectedAlertDays}
                onChange={(e) => set({ uncollectedAlertDays: Number(e.target.value) })}
              />
            </Field>
            <Field label={A.returnsService} hint={A.returnsServiceHint}>
              <select
                name="returnsServiceId"
                value={f.returnsServiceId ?? ''}
                onChange={(e) => set({ returnsServiceId: e.target.value ? Number(e.target.value) : null })}
              >
                <option value="">{A.returnsService_receiving.vi}</option>
                {(services.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="ad-form-grid">
            <CalendarDays
              name="holidays"
              label={D.holidays}
              hint={D.holidaysHint}
              days={f.holidays}
              onChange={(holidays) => set({ holidays })}
            />
            <CalendarDays
              name="workdays"
              label={D.workdays}
              hint={D.workdaysHint}
              days={f.workdays}
              onChange={(workdays) => set({ workdays })}
            />
          </div>
        </fieldset>
        <FormFoot error={save.error} saved={saved} canEdit={canEdit} busy={save.busy} testId="settings" />
      </form>
      {canEdit ? (
        <section className="ad-card">
          <Button
            variant="secondary"
            busy={backup.busy}
            onClick={() => void backup.run(() => api.backup()).then((b) => b && setBackedUp(b.file))}
          >
            <Bi m={A.backup} single />
          </Button>
          {backedUp ? <Banner tone="info" title={format(A.backupDone, { file: backedUp })} /> : null}
          <Problem error={backup.error} />
        </section>
      ) : null}
    </Page>
  );
}
