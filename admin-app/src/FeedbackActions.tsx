import { useState } from 'react';
import { ForwardMeans, type FeedbackCase, type FeedbackClass } from '@layso/protocol';
import {
  Banner,
  Bi,
  Button,
  DateField,
  FEEDBACK_CLASS_LABELS,
  FEEDBACK_FORWARD_MEANS_LABELS,
  vietnamDay,
  type Bilingual,
} from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { staffOptions, useDirectory } from './feedback-directory.js';
import { F } from './feedback-messages.js';
import { CLASSES } from './feedback-view.js';
import { Dialog, Field, SaveBar, useAction } from './parts.js';

type Open = 'classify' | 'assign' | 'forward' | 'answer' | 'close' | null;

/**
 * The actions the server says the case allows now (FeedbackCase.actions), each a small form over the page; a refusal
 * (another hand got there first) is shown as the server says it.
 */
export function FeedbackActions({ c, onChanged }: { c: FeedbackCase; onChanged: (c: FeedbackCase) => void }) {
  const [open, setOpen] = useState<Open>(null);
  const allowed = new Set(c.actions);
  const done = (next: FeedbackCase) => {
    setOpen(null);
    onChanged(next);
  };
  const close = () => setOpen(null);
  const button = (k: Exclude<Open, null>, m: Bilingual, variant: 'primary' | 'secondary' = 'secondary') =>
    allowed.has(k) ? (
      <Button variant={variant} onClick={() => setOpen(k)} testId={`action-${k}`}>
        <Bi m={m} single />
      </Button>
    ) : null;
  const any = allowed.size > 0;
  return (
    <aside className="ad-card fb-actions" data-testid="case-actions">
      {any ? (
        <>
          {button('classify', F.doClassify, c.class ? 'secondary' : 'primary')}
          {button('assign', F.doAssign)}
          {button('forward', F.doForward, 'primary')}
          {button('answer', c.answer ? F.doCorrect : F.doAnswer, c.answer ? 'secondary' : 'primary')}
          {button('close', F.doClose)}
        </>
      ) : (
        <p className="ad-muted">{F.noActions.vi}</p>
      )}
      {open === 'classify' ? <Classify c={c} onClose={close} onDone={done} /> : null}
      {open === 'assign' ? <Assign c={c} onClose={close} onDone={done} /> : null}
      {open === 'forward' ? <Forward c={c} onClose={close} onDone={done} /> : null}
      {open === 'answer' ? <Answer c={c} onClose={close} onDone={done} /> : null}
      {open === 'close' ? <Close c={c} onClose={close} onDone={done} /> : null}
    </aside>
  );
}

interface FormProps {
  c: FeedbackCase;
  onClose: () => void;
  onDone: (c: FeedbackCase) => void;
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const idOrNull = (v: string) => (v ? Number(v) : null);

function Classify({ c, onClose, onDone }: FormProps) {
  const { api } = useAdmin();
  const dir = useDirectory(api);
  const [cls, setCls] = useState<FeedbackClass>(c.class ?? 'within-authority');
  const [serviceId, setServiceId] = useState<number | null>(c.serviceId);
  const [officerId, setOfficerId] = useState<number | null>(c.officerId);
  const [note, setNote] = useState(c.classNote ?? '');
  const save = useAction();
  const officers = staffOptions(dir.data?.users ?? [], [{ id: c.officerId, name: c.officerName }]);
  const submit = () =>
    void save
      .run(() => api.classifyFeedback(c.id, { class: cls, serviceId, officerId, note: orNull(note) }))
      .then((next) => next && onDone(next));
  return (
    <Dialog title={F.doClassify} onClose={onClose} testId="classify-form">
      <Field label={F.class}>
        <select
          name="class"
          value={cls}
          onChange={(e) => setCls(CLASSES.find((x) => x === e.target.value) ?? cls)}
        >
          {CLASSES.map((x) => (
            <option key={x} value={x}>
              {FEEDBACK_CLASS_LABELS[x].vi}
            </option>
          ))}
        </select>
      </Field>
      <Field label={F.service}>
        <select
          name="serviceId"
          value={serviceId ?? ''}
          onChange={(e) => setServiceId(idOrNull(e.target.value))}
        >
          <option value="">{F.noneSelected.vi}</option>
          {(dir.data?.services ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          {c.serviceId && !dir.data?.services.some((s) => s.id === c.serviceId) ? (
            <option value={c.serviceId}>{c.serviceName ?? `#${c.serviceId}`}</option>
          ) : null}
        </select>
      </Field>
      <PersonSelect
        label={F.officer}
        name="officerId"
        none={F.noneSelected}
        people={officers}
        value={officerId}
        onChange={setOfficerId}
      />
      <NoteField label={F.note} value={note} onChange={setNote} />
      <SaveBar
        error={save.error}
        busy={save.busy}
        onCancel={onClose}
        onSave={submit}
        testId="classify-save"
      />
    </Dialog>
  );
}

function Assign({ c, onClose, onDone }: FormProps) {
  const { api, session } = useAdmin();
  const dir = useDirectory(api);
  const [assigneeId, setAssigneeId] = useState<number | null>(c.assigneeId);
  const save = useAction();
  const people = staffOptions(dir.data?.users ?? [], [
    { id: session.user.id, name: session.user.displayName },
    { id: c.assigneeId, name: c.assigneeName },
  ]);
  const submit = () =>
    void save.run(() => api.assignFeedback(c.id, assigneeId)).then((next) => next && onDone(next));
  return (
    <Dialog title={F.doAssign} onClose={onClose} testId="assign-form">
      <PersonSelect
        label={F.assignee}
        name="assigneeId"
        none={F.nobody}
        people={people}
        value={assigneeId}
        onChange={setAssigneeId}
      />
      <SaveBar error={save.error} busy={save.busy} onCancel={onClose} onSave={submit} testId="assign-save" />
    </Dialog>
  );
}

function Forward({ c, onClose, onDone }: FormProps) {
  const { api } = useAdmin();
  const today = vietnamDay(new Date());
  const [to, setTo] = useState('');
  const [means, setMeans] = useState<ForwardMeans>('letter');
  const [day, setDay] = useState<string | null>(today);
  const [reference, setReference] = useState('');
  const save = useAction();
  // Today: the server's now. An earlier day: its last minute, so a case received that day is not sent before it was.
  const at = day && day !== today ? new Date(`${day}T23:59:00+07:00`).toISOString() : undefined;
  const submit = () =>
    void save
      .run(() =>
        api.forwardFeedback(c.id, {
          to: to.trim(),
          means,
          ...(at ? { at } : {}),
          reference: orNull(reference),
        }),
      )
      .then((next) => next && onDone(next));
  return (
    <Dialog title={F.doForward} onClose={onClose} testId="forward-form">
      <Field label={F.forwardTo}>
        <input name="to" maxLength={200} value={to} onChange={(e) => setTo(e.target.value)} />
      </Field>
      <Field label={F.forwardMeans}>
        <select
          name="means"
          value={means}
          onChange={(e) => setMeans(ForwardMeans.options.find((m) => m === e.target.value) ?? means)}
        >
          {ForwardMeans.options.map((m) => (
            <option key={m} value={m}>
              {FEEDBACK_FORWARD_MEANS_LABELS[m].vi}
            </option>
          ))}
        </select>
      </Field>
      <DateField
        className="ad-field"
        label={F.forwardAt}
        name="at"
        value={day}
        max={today}
        onChange={setDay}
      />
      <Field label={F.reference}>
        <input
          name="reference"
          maxLength={100}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
        />
      </Field>
      <SaveBar error={save.error} busy={save.busy} onCancel={onClose} onSave={submit} testId="forward-save" />
    </Dialog>
  );
}

function Answer({ c, onClose, onDone }: FormProps) {
  const { api } = useAdmin();
  const [answer, setAnswer] = useState(c.answer ?? '');
  const [publish, setPublish] = useState(c.published);
  const save = useAction();
  const submit = () =>
    void save.run(() => api.answerFeedback(c.id, { answer, publish })).then((next) => next && onDone(next));
  return (
    <Dialog title={c.answer ? F.doCorrect : F.doAnswer} onClose={onClose} testId="answer-form">
      {c.class === 'not-qualified' ? <Banner tone="info" title={F.answerNotQualified} /> : null}
      {/* Whether the citizen hears of it, as the server decides (a phone given and a message channel on). */}
      <Field
        label={F.answer}
        hint={c.noticeOnAnswer ? F.answerNotice : c.answer ? undefined : F.answerNoNotice}
      >
        <textarea
          name="answer"
          rows={6}
          maxLength={4000}
          value={answer}
          onChange={(e) => setAnswer(e.target.value)}
        />
      </Field>
      <label className="ad-check">
        <input
          type="checkbox"
          name="publish"
          checked={publish}
          onChange={(e) => setPublish(e.target.checked)}
        />
        <Bi m={F.publish} single />
      </label>
      <small className="ad-hint">{F.publishHint.vi}</small>
      <SaveBar error={save.error} busy={save.busy} onCancel={onClose} onSave={submit} testId="answer-save" />
    </Dialog>
  );
}

function Close({ c, onClose, onDone }: FormProps) {
  const { api } = useAdmin();
  const [note, setNote] = useState('');
  const save = useAction();
  const submit = () =>
    void save.run(() => api.closeFeedback(c.id, orNull(note))).then((next) => next && onDone(next));
  return (
    <Dialog title={F.doClose} onClose={onClose} testId="close-form">
      <NoteField label={F.closeNote} value={note} onChange={setNote} />
      <SaveBar error={save.error} busy={save.busy} onCancel={onClose} onSave={submit} testId="close-save" />
    </Dialog>
  );
}

/** One staff member or none, by id (the Classify officer, the Assign assignee). */
function PersonSelect({
  label,
  name,
  none,
  people,
  value,
  onChange,
}: {
  label: Bilingual;
  name: string;
  /** The first option's text: what no one chosen means here. */
  none: Bilingual;
  people: readonly { id: number; name: string }[];
  value: number | null;
  onChange: (id: number | null) => void;
}) {
  return (
    <Field label={label}>
      <select name={name} value={value ?? ''} onChange={(e) => onChange(idOrNull(e.target.value))}>
        <option value="">{none.vi}</option>
        {people.map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A short note sent with an action (Classify, Close): the server takes up to 1000 characters. */
function NoteField({
  label,
  value,
  onChange,
}: {
  label: Bilingual;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field label={label}>
      <textarea
        name="note"
        rows={2}
        maxLength={1000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
