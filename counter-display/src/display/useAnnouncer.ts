import { useEffect, useMemo, useRef, useState } from 'react';
import type { ScreenSettings, TicketCalled } from '@layso/protocol';
import type { RealtimeClient } from '@layso/ui-kit';
import {
  Announcer,
  DEFAULT_ANNOUNCE,
  FallbackEngine,
  announcementScript,
  createClipEngine,
  createSpeechEngine,
  sentenceText,
  type AnnouncerState,
  type VoiceEngine,
} from '../voice/index.js';

/** Which voice a display uses: the clip pack (else Web Speech for words it lacks), Web Speech only, or none. */
export type VoiceChoice = 'clips' | 'speech' | 'off';

const DEFAULT_PACK = '/voice-pack/';
const CAPTIONS_KEPT = 50;

/** An engine that says nothing: a display without sound still shows every call. */
const SILENT: VoiceEngine = { name: 'off', play: () => Promise.resolve() };

/**
 * The lobby's voice: every live call (not the snapshot's history) is queued as chime + sentence (+ repeats),
 * one at a time, never cut off. The browser may block sound until a gesture: `blocked` says so and `enable`
 * (called from a tap) lifts it.
 */
export function useAnnouncer(
  realtime: RealtimeClient<'/display'>,
  settings: ScreenSettings | null,
  choice: VoiceChoice,
  follows: (serviceId: number) => boolean,
) {
  // One audio context for the page's life (a lobby display never closes it).
  const [ctx] = useState(() => (choice === 'off' ? null : new AudioContext()));
  const announcer = useMemo(() => new Announcer(SILENT), []);
  const captions = useRef(new Map<string, string>());
  const [state, setState] = useState<AnnouncerState>(() => announcer.state());
  const [engine, setEngine] = useState('…');
  const [blocked, setBlocked] = useState(false);
  /** The last announcements handed to the queue, oldest first (for the page's live region and for tests). */
  const [heard, setHeard] = useState<string[]>([]);

  useEffect(() => announcer.onChange(setState), [announcer]);

  useEffect(() => {
    if (!ctx) return;
    const update = () => setBlocked(ctx.state !== 'running');
    update();
    ctx.addEventListener('statechange', update);
    return () => ctx.removeEventListener('statechange', update);
  }, [ctx]);

  const packUrl = settings?.voicePackUrl ?? DEFAULT_PACK;
  useEffect(() => {
    if (!ctx) {
      setEngine('off');
      return;
    }
    let live = true;
    // While the voice loads (the pack's clips, the system's voices), calls wait for it instead of passing
    // silently: the queue plays them as soon as it is ready.
    const ready = (async (): Promise<VoiceEngine> => {
      const speech = await createSpeechEngine({ audioContext: ctx }).catch(() => null);
      const clips = choice === 'clips' ? await createClipEngine(packUrl, ctx).catch(() => null) : null;
      return clips ? (speech ? new FallbackEngine(clips, speech) : clips) : (speech ?? SILENT);
    })();
    announcer.setEngine({ name: '…', play: async (u) => (await ready).play(u) });
    void ready.then((chosen) => {
      if (!live) return;
      announcer.setEngine(chosen);
      setEngine(chosen.name);
    });
    return () => {
      live = false;
    };
  }, [packUrl, ctx, choice, announcer]);

  // Until the settings arrive (or if they never do) the default wording is used: a call is never silent.
  const wording = settings?.announce ?? DEFAULT_ANNOUNCE;
  useEffect(
    () =>
      realtime.on('ticket:called', (e: TicketCalled) => {
        if (!follows(e.serviceId)) return;
        const key = `${e.ticketId}:${e.recall}`;
        try {
          const caps = captions.current;
          caps.set(key, sentenceText(wording, e.number, e.counterNumber));
          // Keep the captions of the last calls only: a lobby display runs for weeks.
          for (const old of caps.keys()) if (caps.size > CAPTIONS_KEPT) caps.delete(old);
          announcer.announce(key, announcementScript(wording, e.number, e.counterNumber));
          setHeard((h) => [...h, key].slice(-20));
        } catch {
          // A number the wording cannot read (the server validates the template): shown, not said.
        }
      }),
    [realtime, wording, announcer, follows],
  );

  return {
    state,
    engine,
    blocked,
    heard,
    caption: state.playing ? (captions.current.get(state.playing) ?? null) : null,
    enable: () => void ctx?.resume(),
  };
}
