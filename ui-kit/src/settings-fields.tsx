// The announcement and priority-group editors both admins use: a center's admin for its own, the province admin for
// what the hub pushes down to every site. Controlled (the form owns the value); each app frames a field its own way.
import type { ComponentType, ReactNode } from 'react';
import { validateTemplate, type AnnounceSettings, type PriorityGroup } from '@layso/protocol';
import { Banner, Bi, Button } from './components.js';
import { defineMessages, type Bilingual } from './i18n.js';

export const SETTINGS_TEXT = defineMessages({
  template: {
    vi: 'Câu gọi số (có {number} và {counter})',
    en: 'Announcement ({number} and {counter})',
  },
  reading: { vi: 'Đọc số', en: 'Read numbers' },
  readingDigits: { vi: 'Từng chữ số (một không không năm)', en: 'Digit by digit' },
  readingWhole: { vi: 'Cả số (một nghìn không trăm linh năm)', en: 'As a whole number' },
  dialect: { vi: 'Giọng đọc', en: 'Dialect' },
  dialectSouth: { vi: 'Miền Nam (lẻ, ngàn)', en: 'Southern' },
  dialectNorth: { vi: 'Miền Bắc (linh, nghìn)', en: 'Northern' },
  repeat: { vi: 'Số lần nhắc lại', en: 'Repeats' },
  groupCode: { vi: 'Mã', en: 'Code' },
  groupName: { vi: 'Tên', en: 'Name' },
  groupNameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  remove: { vi: 'Bỏ', en: 'Remove' },
});
const T = SETTINGS_TEXT;

/** How a form frames one labelled field (the admin's `ad-field`, the hub's `hub-field`). */
export type FieldFrame = ComponentType<{ label: Bilingual; children: ReactNode }>;

/**
 * The lobby announcement: its sentence (a warning, in both languages, while it lacks {number} or {counter}), how
 * numbers are read, the dialect and the repeats. The three choices sit in `gridClassName`.
 */
export function AnnounceFields({
  value,
  onChange,
  Field,
  gridClassName,
}: {
  value: AnnounceSettings;
  onChange: (next: AnnounceSettings) => void;
  Field: FieldFrame;
  gridClassName: string;
}) {
  const problem = validateTemplate(value.template);
  const [vi = '', en = vi] = problem?.split(' / ') ?? [];
  return (
    <>
      <Field label={T.template}>
        <input
          name="template"
          value={value.template}
          onChange={(e) => onChange({ ...value, template: e.target.value })}
        />
      </Field>
      {problem ? <Banner tone="warning" title={{ vi, en }} /> : null}
      <div className={gridClassName}>
        <Field label={T.reading}>
          <select
            name="reading"
            value={value.reading}
            onChange={(e) => onChange({ ...value, reading: e.target.value === 'whole' ? 'whole' : 'digits' })}
          >
            <option value="digits">{T.readingDigits.vi}</option>
            <option value="whole">{T.readingWhole.vi}</option>
          </select>
        </Field>
        <Field label={T.dialect}>
          <select
            name="dialect"
            value={value.dialect}
            onChange={(e) => onChange({ ...value, dialect: e.target.value === 'north' ? 'north' : 'south' })}
          >
            <option value="south">{T.dialectSouth.vi}</option>
            <option value="north">{T.dialectNorth.vi}</option>
          </select>
        </Field>
        <Field label={T.repeat}>
          <input
            name="repeat"
            type="number"
            min={0}
            max={2}
            value={value.repeat}
            onChange={(e) => onChange({ ...value, repeat: Number(e.target.value) })}
          />
        </Field>
      </div>
    </>
  );
}

/** The priority groups in kiosk order, a row each (code, name, English name) with its remove button when editable. */
export function PriorityGroupRows({
  groups,
  onChange,
  disabled = false,
  rowClassName,
}: {
  groups: readonly PriorityGroup[];
  onChange: (next: PriorityGroup[]) => void;
  disabled?: boolean;
  rowClassName: string;
}) {
  const set = (i: number, g: PriorityGroup) => onChange(groups.map((x, k) => (k === i ? g : x)));
  return (
    <>
      {groups.map((g, i) => (
        <div className={rowClassName} key={i} data-testid="priority-group">
          <input
            name="groupCode"
            aria-label={T.groupCode.vi}
            placeholder={T.groupCode.vi}
            value={g.code}
            autoComplete="off"
            disabled={disabled}
            onChange={(e) => set(i, { ...g, code: e.target.value })}
          />
          <input
            name="groupName"
            aria-label={T.groupName.vi}
            placeholder={T.groupName.vi}
            value={g.name}
            disabled={disabled}
            onChange={(e) => set(i, { ...g, name: e.target.value })}
          />
          <input
            name="groupNameEn"
            aria-label={T.groupNameEn.vi}
            placeholder={T.groupNameEn.vi}
            value={g.nameEn}
            disabled={disabled}
            onChange={(e) => set(i, { ...g, nameEn: e.target.value })}
          />
          {disabled ? null : (
            <Button variant="ghost" onClick={() => onChange(groups.filter((_, k) => k !== i))}>
              <Bi m={T.remove} single />
            </Button>
          )}
        </div>
      ))}
    </>
  );
}
