import { useEffect, useState } from 'react';
import {
  NOTICE_CHANNELS,
  type NoticeChannel,
  type NoticeChannelInput,
  type NoticeSettings,
  type NoticeSettingsInput,
} from '@layso/protocol';
import { Bi, Button, format } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { CHANNEL_NAMES, N } from './notice-messages.js';
import { TemplatesEditor } from './NoticeTemplates.js';
import { Field, FormFoot, Page, Problem, useAction, useLoad } from './parts.js';

/** A channel being edited: its settings, and what to do with its credential (keep, clear or replace). */
interface ChannelDraft extends Omit<NoticeChannelInput, 'credential'> {
  /** The saved credential, masked ("••••1a2b"), or null. */
  masked: string | null;
  /** undefined: keep the saved one; null: clear it; text: replace it (never read back). */
  credential: string | null | undefined;
}

interface Draft extends Omit<NoticeSettings, 'channels'> {
  channels: Record<NoticeChannel, ChannelDraft>;
}

const draftOf = (s: NoticeSettings): Draft => {
  const channel = (c: NoticeSettings['channels'][NoticeChannel]): ChannelDraft => ({
    enabled: c.enabled,
    url: c.url,
    sender: c.sender,
    dailyQuota: c.dailyQuota,
    ratePerMinute: c.ratePerMinute,
    masked: c.credential,
    credential: undefined,
  });
  return {
    ...s,
    channels: { push: channel(s.channels.push), zns: channel(s.channels.zns), sms: channel(s.channels.sms) },
  };
};

/** What the server is sent: a credential only when the admin typed a new one or asked to remove it. */
export const inputOf = (d: Draft): NoticeSettingsInput => {
  const channel = (c: ChannelDraft): NoticeChannelInput => {
    const out: NoticeChannelInput = {
      enabled: c.enabled,
      url: c.url?.trim() ? c.url.trim() : null,
      sender: c.sender?.trim() ? c.sender.trim() : null,
      dailyQuota: c.dailyQuota,
      ratePerMinute: c.ratePerMinute,
    };
    if (c.credential === null) out.credential = null;
    else if (c.credential?.trim()) out.credential = c.credential.trim();
    return out;
  };
  return {
    channels: { push: channel(d.channels.push), zns: channel(d.channels.zns), sms: channel(d.channels.sms) },
    templates: d.templates,
    quietHours: d.quietHours,
    aheadThreshold: d.aheadThreshold,
    aheadByService: d.aheadByService,
  };
};

/** "Thông báo": channels with their credentials (write-only), templates, quiet hours, "N ahead" per service. */
export function Notices() {
  const { api, canEdit } = useAdmin();
  const loaded = useLoad(() => api.noticeSettings(), [api]);
  const services = useLoad(() => api.adminServices(), [api]);
  const [d, setD] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useAction();
  useEffect(() => {
    if (loaded.data) setD(draftOf(loaded.data));
  }, [loaded.data]);
  if (!d)
    return (
      <Page title={N.nav} testId="page-notices">
        {loaded.error ? <Problem error={loaded.error} /> : <p>{A.loading.vi}</p>}
      </Page>
    );
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setD({ ...d, ...patch });
  };
  const setChannel = (ch: NoticeChannel, patch: Partial<ChannelDraft>) =>
    set({ channels: { ...d.channels, [ch]: { ...d.channels[ch], ...patch } } });

  return (
    <Page title={N.nav} testId="page-notices">
      <p className="ad-muted">
        <Bi m={N.intro} />
      </p>
      <form
        className="ad-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void save
            .run(() => api.saveNoticeSettings(inputOf(d)))
            .then((s) => {
              if (!s) return;
              setD(draftOf(s));
              setSaved(true);
            });
        }}
      >
        <fieldset disabled={!canEdit}>
          <section className="ad-card" data-testid="notice-channels">
            <h2>
              <Bi m={N.channels} single />
            </h2>
            <div className="ad-notice-channels">
              {NOTICE_CHANNELS.map((ch) => (
                <ChannelCard key={ch} channel={ch} c={d.channels[ch]} onChange={(p) => setChannel(ch, p)} />
              ))}
            </div>
          </section>

          <TemplatesEditor templates={d.templates} onChange={(templates) => set({ templates })} />

          <section className="ad-card" data-testid="notice-quiet">
            <h2>
              <Bi m={N.quietHours} single />
            </h2>
            <div className="ad-row">
              <label className="ad-check">
                <input
                  type="checkbox"
                  name="quiet"
                  checked={d.quietHours !== null}
                  onChange={(e) =>
                    set({ quietHours: e.target.checked ? { from: '21:00', to: '07:00' } : null })
                  }
                />
                <Bi m={N.quietOn} single />
              </label>
              {d.quietHours ? (
                <>
                  <input
                    type="time"
                    name="quietFrom"
                    aria-label={N.from.vi}
                    value={d.quietHours.from}
                    onChange={(e) =>
                      d.quietHours && set({ quietHours: { ...d.quietHours, from: e.target.value } })
                    }
                  />
                  <span>–</span>
                  <input
                    type="time"
                    name="quietTo"
                    aria-label={N.to.vi}
                    value={d.quietHours.to}
                    onChange={(e) =>
                      d.quietHours && set({ quietHours: { ...d.quietHours, to: e.target.value } })
                    }
                  />
                </>
              ) : null}
            </div>
            <small className="ad-hint">{N.quietHint.vi}</small>
          </section>

          <section className="ad-card" data-testid="notice-ahead">
            <Field label={N.ahead}>
              <input
                name="aheadThreshold"
                type="number"
                min={1}
                max={50}
                value={d.aheadThreshold}
                onChange={(e) => set({ aheadThreshold: Number(e.target.value) })}
              />
            </Field>
            <h3>
              <Bi m={N.aheadByService} single />
            </h3>
            <div className="ad-form-grid">
              {(services.data ?? []).map((s) => {
                const v = d.aheadByService[String(s.id)];
                return (
                  <Field key={s.id} label={{ vi: s.name, en: s.nameEn || s.name }}>
                    <input
                      name={`ahead-${s.id}`}
                      type="number"
                      min={1}
                      max={50}
                      placeholder={format(N.aheadDefault, { n: d.aheadThreshold }).vi}
                      value={v ?? ''}
                      onChange={(e) => {
                        const next = { ...d.aheadByService };
                        if (e.target.value === '') delete next[String(s.id)];
                        else next[String(s.id)] = Number(e.target.value);
                        set({ aheadByService: next });
                      }}
                    />
                  </Field>
                );
              })}
            </div>
          </section>
        </fieldset>
        <FormFoot
          error={save.error}
          saved={saved}
          savedTitle={N.saved}
          canEdit={canEdit}
          busy={save.busy}
          testId="notices"
        />
      </form>
    </Page>
  );
}

function ChannelCard({
  channel,
  c,
  onChange,
}: {
  channel: NoticeChannel;
  c: ChannelDraft;
  onChange: (patch: Partial<ChannelDraft>) => void;
}) {
  const provider = channel !== 'push';
  return (
    <div className="ad-notice-channel" data-testid={`channel-${channel}`}>
      <label className="ad-check">
        <input
          type="checkbox"
          name={`${channel}-enabled`}
          checked={c.enabled}
          onChange={(e) => onChange({ enabled: e.target.checked })}
        />
        <strong>
          <Bi m={CHANNEL_NAMES[channel]} single />
        </strong>
      </label>
      {provider ? (
        <>
          <Field label={N.providerUrl}>
            <input
              name={`${channel}-url`}
              value={c.url ?? ''}
              placeholder="https://"
              onChange={(e) => onChange({ url: e.target.value })}
            />
          </Field>
          <Field label={N.credential}>
            <span className="ad-muted" data-testid={`${channel}-credential-state`}>
              {c.credential === null
                ? N.credentialCleared.vi
                : c.masked
                  ? format(N.credentialSet, { mask: c.masked }).vi
                  : N.credentialNone.vi}
            </span>
            <input
              name={`${channel}-credential`}
              type="password"
              autoComplete="off"
              placeholder={N.credentialNew.vi}
              value={c.credential ?? ''}
              onChange={(e) => onChange({ credential: e.target.value === '' ? undefined : e.target.value })}
            />
          </Field>
          {c.masked && c.credential !== null ? (
            <Button
              variant="ghost"
              onClick={() => onChange({ credential: null })}
              testId={`${channel}-clear`}
            >
              <Bi m={N.credentialClear} single />
            </Button>
          ) : null}
          {channel === 'sms' ? (
            <Field label={N.sender}>
              <input
                name="sms-sender"
                maxLength={11}
                value={c.sender ?? ''}
                onChange={(e) => onChange({ sender: e.target.value })}
              />
            </Field>
          ) : null}
        </>
      ) : null}
      <div className="ad-form-grid">
        <Field label={N.dailyQuota}>
          <input
            name={`${channel}-quota`}
            type="number"
            min={0}
            value={c.dailyQuota}
            onChange={(e) => onChange({ dailyQuota: Number(e.target.value) })}
          />
        </Field>
        <Field label={N.ratePerMinute}>
          <input
            name={`${channel}-rate`}
            type="number"
            min={1}
            value={c.ratePerMinute}
            onChange={(e) => onChange({ ratePerMinute: Number(e.target.value) })}
          />
        </Field>
      </div>
    </div>
  );
}
