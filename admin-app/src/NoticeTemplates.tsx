import {
  checkTemplate,
  NOTICE_CHANNELS,
  NOTICE_EVENTS,
  NOTICE_PARAMS,
  type NoticeChannel,
  type NoticeEvent,
  type NoticeTemplate,
  type NoticeTemplates,
} from '@layso/protocol';
import { Banner, Bi, Button } from '@layso/ui-kit';
import { CHANNEL_NAMES, EVENT_NAMES, N, templateProblem } from './notice-messages.js';
import { Field } from './parts.js';

/** A first text for a new template: every parameter the event has, so the admin trims rather than guesses. */
const starter = (event: NoticeEvent): NoticeTemplate => ({
  templateId: '',
  text: NOTICE_PARAMS[event].map((p) => `{${p}}`).join(' · '),
  params: [...NOTICE_PARAMS[event]],
});

/**
 * The templates, one block per event, one per channel inside it; each shows what the server would refuse (a
 * parameter the event does not have, a hole not declared, a link, too long) while it is typed.
 */
export function TemplatesEditor({
  templates,
  onChange,
}: {
  templates: NoticeTemplates;
  onChange: (t: NoticeTemplates) => void;
}) {
  const put = (event: NoticeEvent, channel: NoticeChannel, t: NoticeTemplate | null) => {
    const perEvent = { ...templates[event] };
    if (t) perEvent[channel] = t;
    else delete perEvent[channel];
    onChange({ ...templates, [event]: perEvent });
  };
  return (
    <section className="ad-card" data-testid="notice-templates">
      <h2>
        <Bi m={N.templates} single />
      </h2>
      <p className="ad-hint">{N.templatesHint.vi}</p>
      {NOTICE_EVENTS.map((event) => (
        <fieldset key={event} className="ad-notice-event" data-testid={`templates-${event}`}>
          <legend>
            <Bi m={EVENT_NAMES[event]} single /> <span className="ad-muted ad-mono">{event}</span>
          </legend>
          <div className="ad-notice-channels">
            {NOTICE_CHANNELS.map((channel) => (
              <TemplateCard
                key={channel}
                event={event}
                channel={channel}
                t={templates[event]?.[channel] ?? null}
                onChange={(t) => put(event, channel, t)}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </section>
  );
}

function TemplateCard({
  event,
  channel,
  t,
  onChange,
}: {
  event: NoticeEvent;
  channel: NoticeChannel;
  t: NoticeTemplate | null;
  onChange: (t: NoticeTemplate | null) => void;
}) {
  const id = `template-${event}-${channel}`;
  if (!t)
    return (
      <div className="ad-notice-channel ad-muted" data-testid={id}>
        <strong>
          <Bi m={CHANNEL_NAMES[channel]} single />
        </strong>
        <p>{N.noTemplate.vi}</p>
        <Button variant="secondary" onClick={() => onChange(starter(event))} testId={`${id}-add`}>
          <Bi m={N.addTemplate} single />
        </Button>
      </div>
    );
  const problems = checkTemplate(event, channel, t);
  const allowed: readonly string[] = NOTICE_PARAMS[event];
  return (
    <div className="ad-notice-channel" data-testid={id}>
      <strong>
        <Bi m={CHANNEL_NAMES[channel]} single />
      </strong>
      {channel === 'zns' ? (
        <Field label={N.templateId}>
          <input
            name={`${id}-id`}
            value={t.templateId}
            onChange={(e) => onChange({ ...t, templateId: e.target.value })}
          />
        </Field>
      ) : null}
      <Field label={N.templateText}>
        <textarea
          name={`${id}-text`}
          rows={3}
          maxLength={400}
          value={t.text}
          onChange={(e) => onChange({ ...t, text: e.target.value })}
        />
      </Field>
      <div className="ad-row" role="group" aria-label={N.params.vi}>
        {/* A declared parameter the event no longer has stays visible, so it can be unticked. */}
        {[...new Set([...allowed, ...t.params])].map((p) => (
          <label key={p} className="ad-check">
            <input
              type="checkbox"
              name={`${id}-param-${p}`}
              checked={t.params.includes(p)}
              onChange={(e) =>
                onChange({
                  ...t,
                  params: e.target.checked ? [...t.params, p] : t.params.filter((x) => x !== p),
                })
              }
            />
            <span className="ad-mono">{`{${p}}`}</span>
          </label>
        ))}
      </div>
      {problems.length ? (
        <Banner
          tone="warning"
          title={{
            vi: problems.map((x) => templateProblem(x).vi).join(' · '),
            en: problems.join(' · '),
          }}
          testId={`${id}-problems`}
        />
      ) : (
        <small className="ad-good">{N.templateOk.vi}</small>
      )}
      <Button variant="ghost" onClick={() => onChange(null)} testId={`${id}-remove`}>
        <Bi m={N.removeTemplate} single />
      </Button>
    </div>
  );
}
