import { useState, type ReactNode } from 'react';
import {
  validateTemplate,
  type AnnounceSettings,
  type HubCatalogueState,
  type PriorityGroup,
} from '@layso/protocol';
import { Banner, Bi, Button, format, Problem, useAction, type HubApi } from '@layso/ui-kit';
import { bilingual, C } from './catalogue-messages.js';

/** What a province starts from when it takes the announcement over: the centers' own default. */
const DEFAULT_ANNOUNCE: AnnounceSettings = {
  template: 'Xin mời công dân có số thứ tự {number} đến quầy số {counter}',
  reading: 'digits',
  dialect: 'south',
  repeat: 1,
};

/** A part the province sets or leaves to the sites (null), with the choice between the two. */
function Managed({
  title,
  managed,
  onManaged,
  name,
  children,
}: {
  title: typeof C.announce;
  managed: boolean;
  onManaged: (on: boolean) => void;
  name: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="hub-managed" data-testid={`managed-${name}`}>
      <legend>
        <Bi m={title} single />
      </legend>
      <div className="hub-choice" role="radiogroup">
        {([true, false] as const).map((on) => (
          <label key={String(on)}>
            <input
              type="radio"
              name={`${name}-by`}
              checked={managed === on}
              onChange={() => onManaged(on)}
              data-testid={`${name}-${on ? 'province' : 'sites'}`}
            />
            <Bi m={on ? C.byProvince : C.bySites} single />
          </label>
        ))}
      </div>
      {managed ? children : null}
    </fieldset>
  );
}

/**
 * The announcement wording and the priority groups the province pushes to every site; each may be left to the sites
 * (sent as null). Saved together; the server's refusal (a template without {number}, a code twice) is shown as is.
 */
export function CatalogueSettings({
  api,
  state,
  onSaved,
}: {
  api: HubApi;
  state: HubCatalogueState;
  onSaved: (s: HubCatalogueState) => void;
}) {
  const [announce, setAnnounce] = useState<AnnounceSettings | null>(state.announce);
  const [groups, setGroups] = useState<PriorityGroup[] | null>(state.priorityGroups);
  const [saved, setSaved] = useState<number | null>(null);
  const save = useAction();
  const edit = <T,>(set: (v: T) => void) => {
    return (v: T) => {
      setSaved(null);
      set(v);
    };
  };
  const putAnnounce = edit(setAnnounce);
  const putGroups = edit(setGroups);
  const templateProblem = announce ? validateTemplate(announce.template) : null;

  const submit = async () => {
    const r = await save.run(() => api.saveCatalogueSettings({ announce, priorityGroups: groups }));
    if (!r) return;
    setSaved(r.version);
    onSaved(r);
  };

  return (
    <form
      className="hub-panel hub-settings"
      data-testid="catalogue-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>
        <Bi m={C.settingsTitle} />
      </h2>
      <Managed
        title={C.announce}
        name="announce"
        managed={announce !== null}
        onManaged={(on) => putAnnounce(on ? (state.announce ?? DEFAULT_ANNOUNCE) : null)}
      >
        {announce ? (
          <div className="hub-form">
            <label className="hub-field hub-field-wide">
              <Bi m={C.template} />
              <input
                name="template"
                value={announce.template}
                onChange={(e) => putAnnounce({ ...announce, template: e.target.value })}
              />
            </label>
            {templateProblem ? <Banner tone="warning" title={bilingual(templateProblem)} /> : null}
            <label className="hub-field">
              <Bi m={C.reading} />
              <select
                name="reading"
                value={announce.reading}
                onChange={(e) =>
                  putAnnounce({ ...announce, reading: e.target.value === 'whole' ? 'whole' : 'digits' })
                }
              >
                <option value="digits">{C.readingDigits.vi}</option>
                <option value="whole">{C.readingWhole.vi}</option>
              </select>
            </label>
            <label className="hub-field">
              <Bi m={C.dialect} />
              <select
                name="dialect"
                value={announce.dialect}
                onChange={(e) =>
                  putAnnounce({ ...announce, dialect: e.target.value === 'north' ? 'north' : 'south' })
                }
              >
                <option value="south">{C.dialectSouth.vi}</option>
                <option value="north">{C.dialectNorth.vi}</option>
              </select>
            </label>
            <label className="hub-field">
              <Bi m={C.repeat} />
              <input
                name="repeat"
                type="number"
                min={0}
                max={2}
                value={announce.repeat}
                onChange={(e) => putAnnounce({ ...announce, repeat: Number(e.target.value) })}
              />
            </label>
          </div>
        ) : null}
      </Managed>
      <Managed
        title={C.priorityGroups}
        name="groups"
        managed={groups !== null}
        onManaged={(on) => putGroups(on ? (state.priorityGroups ?? []) : null)}
      >
        {groups ? <Groups groups={groups} onChange={putGroups} /> : null}
      </Managed>
      <Problem error={save.error} testId="catalogue-settings-error" />
      {saved !== null ? (
        <Banner tone="info" title={format(C.saved, { v: saved })} testId="catalogue-settings-saved" />
      ) : null}
      <Button type="submit" busy={save.busy} testId="catalogue-settings-save">
        <Bi m={C.save} single />
      </Button>
    </form>
  );
}

/** The groups in kiosk order: code, Vietnamese and English name; added and removed in place. */
function Groups({ groups, onChange }: { groups: PriorityGroup[]; onChange: (g: PriorityGroup[]) => void }) {
  const set = (i: number, g: PriorityGroup) => onChange(groups.map((x, k) => (k === i ? g : x)));
  return (
    <div className="hub-groups" data-testid="priority-groups">
      {groups.length === 0 ? (
        <p className="hub-note">
          <Bi m={C.noGroups} />
        </p>
      ) : null}
      {groups.map((g, i) => (
        <div className="hub-group" key={i} data-testid="priority-group">
          <label className="hub-field">
            <Bi m={C.groupCode} single />
            <input
              name="groupCode"
              value={g.code}
              autoComplete="off"
              onChange={(e) => set(i, { ...g, code: e.target.value })}
            />
          </label>
          <label className="hub-field">
            <Bi m={C.groupName} single />
            <input name="groupName" value={g.name} onChange={(e) => set(i, { ...g, name: e.target.value })} />
          </label>
          <label className="hub-field">
            <Bi m={C.groupNameEn} single />
            <input
              name="groupNameEn"
              value={g.nameEn}
              onChange={(e) => set(i, { ...g, nameEn: e.target.value })}
            />
          </label>
          <Button variant="ghost" onClick={() => onChange(groups.filter((_, k) => k !== i))}>
            <Bi m={C.remove} single />
          </Button>
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() => onChange([...groups, { code: '', name: '', nameEn: '' }])}
        testId="add-group"
      >
        <Bi m={C.addGroup} single />
      </Button>
    </div>
  );
}
