import { useState, type ReactNode } from 'react';
import type { AnnounceSettings, HubCatalogueState, PriorityGroup } from '@layso/protocol';
import {
  AnnounceFields,
  Banner,
  Bi,
  Button,
  format,
  PriorityGroupRows,
  Problem,
  useAction,
  type Bilingual,
  type HubApi,
} from '@layso/ui-kit';
import { C } from './catalogue-messages.js';

/** What a province starts from when it takes the announcement over: the centers' own default. */
const DEFAULT_ANNOUNCE: AnnounceSettings = {
  template: 'Xin mời công dân có số thứ tự {number} đến quầy số {counter}',
  reading: 'digits',
  dialect: 'south',
  repeat: 1,
};

/** A field framed as the hub's forms frame theirs. */
function HubField({ label, children }: { label: Bilingual; children: ReactNode }) {
  return (
    <label className="hub-field">
      <Bi m={label} />
      {children}
    </label>
  );
}

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
          <AnnounceFields value={announce} onChange={putAnnounce} Field={HubField} gridClassName="hub-form" />
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

/** The groups in kiosk order (ui-kit's rows, as a center's admin edits its own), added and removed in place. */
function Groups({ groups, onChange }: { groups: PriorityGroup[]; onChange: (g: PriorityGroup[]) => void }) {
  return (
    <div className="hub-groups" data-testid="priority-groups">
      {groups.length === 0 ? (
        <p className="hub-note">
          <Bi m={C.noGroups} />
        </p>
      ) : null}
      <PriorityGroupRows groups={groups} onChange={onChange} rowClassName="hub-group" />
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
