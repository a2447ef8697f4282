/** The lobby display's voice: what is said (announcement), in which order (announcer) and how (engines). */
export { queueNumberWords, wholeNumberWords, type Dialect, type NumberReading } from './number-words.js';
export {
  DEFAULT_ANNOUNCE,
  MAX_REPEAT,
  announcementScript,
  clampRepeat,
  phraseKey,
  sentenceParts,
  sentenceText,
  type AnnounceSettings,
  type Utterance,
} from './announcement.js';
export { Announcer, type AnnouncerListener, type AnnouncerState, type VoiceEngine } from './announcer.js';
export {
  ClipEngine,
  clipUrl,
  createClipEngine,
  parseManifest,
  planClips,
  type ClipEngineOptions,
  type ClipPlan,
  type VoicePackManifest,
} from './clip-engine.js';
export {
  SpeechEngine,
  chooseVietnameseVoice,
  createSpeechEngine,
  findVietnameseVoice,
  type SpeechEngineOptions,
} from './speech-engine.js';
export { FallbackEngine, type PartialVoiceEngine } from './fallback-engine.js';
export { ensureRunning, playBuffers, playToneChime } from './web-audio.js';
