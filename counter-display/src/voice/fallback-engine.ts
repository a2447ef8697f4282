/**
 * A clip pack where it can, another voice where it cannot. A center that edits its template ("Mời quý khách …")
 * may use words its pack has no clip for; rather than failing those announcements, the sentence is then said by
 * the second engine (Web Speech, when the OS has a Vietnamese voice). The chime always comes from the pack.
 */
import type { Utterance } from './announcement.js';
import type { VoiceEngine } from './announcer.js';

/** What `FallbackEngine` needs of its first engine: a ClipEngine is one. */
export interface PartialVoiceEngine extends VoiceEngine {
  canSay(parts: readonly string[]): boolean;
}

export class FallbackEngine implements VoiceEngine {
  readonly name: string;

  constructor(
    readonly primary: PartialVoiceEngine,
    readonly secondary: VoiceEngine,
  ) {
    this.name = `${primary.name}, else ${secondary.name}`;
  }

  play(u: Utterance): Promise<void> {
    if (u.kind === 'speech' && !this.primary.canSay(u.parts)) return this.secondary.play(u);
    return this.primary.play(u);
  }
}
