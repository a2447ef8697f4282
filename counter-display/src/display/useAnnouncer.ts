import { useEffect, useMemo, useRef, useState } from 'react';
import type { ScreenSettings, TicketCalled } from '@layso/protocol';
import type { RealtimeClient } from '@layso/ui-kit';
import {
  Announcer,
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

  useEffect(() => {
    if (!settings || !ctx) {
      setEngine(choice === 'off' ? 'off' : '…');
      return;
    }
    let live = true;
    void (async () => {
      const speech = await createSpeechEngine({ audioContext: ctx }).catch(() => null);
      const clips =
        choice === 'clips' ? await createClipEngine(settings.voicePackUrl, ctx).catch(() => null) : null;
      const chosen = clips ? (speech ? new FallbackEngine(clips, speech) : clips) : (speech ?? SILENT);
      if (!live) return;
      announcer.setEngine(chosen);
      setEngine(chosen.name);
    })();
    return () => {
      live = false;
    };
  }, [settings, ctx, choice, announcer]);

  useEffect(() => {
    if (!settings) return;
    return realtime.on('ticket:called', (e: TicketCalled) => {
      if (!follows(e.serviceId)) return;
      const key = `${e.ticketId}:${e.recall}`;
      try {
        captions.current.set(key, sentenceText(settings.announce, e.number, e.counterNumber));
        announcer.announce(key, announcementScript(settings.announce, e.number, e.counterNumber));
        setHeard((h) => [...h, key].slice(-20));
      } catch {
        // A number the wording cannot read (a bad template is refused by the server first): shown, not said.
      }
    });
  }, [realtime, settings, announcer, follows]);

  return {
    state,
    engine,
    blocked,
    heard,
    caption: state.playing ? (captions.current.get(state.playing) ?? null) : null,
    enable: () => void ctx?.resume(),
  };
}
