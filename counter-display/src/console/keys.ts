/** What an officer can do at the counter, each with one key (Vietnamese initials: Gọi, Lại, Bắt đầu, In, Hồ sơ …). */
export type Action =
  | 'call'
  | 'recall'
  | 'start'
  | 'noShow'
  | 'transfer'
  | 'finish'
  | 'pause'
  | 'receipt'
  /** Puts the cursor in "Tra cứu hồ sơ" (a keyboard-mode scanner then types the slip's code into it). */
  | 'lookup';

export const SHORTCUTS: Record<Action, string> = {
  call: 'G',
  recall: 'L',
  start: 'B',
  noShow: 'V',
  transfer: 'C',
  finish: 'K',
  pause: 'T',
  receipt: 'I',
  lookup: 'H',
};

const BY_KEY = new Map(Object.entries(SHORTCUTS).map(([a, k]) => [k, a as Action]));

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** The element the key went to: typing in a field is never a shortcut. */
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

/** The action a key press asks for, or null (a modifier held, typing in a field, another key). */
export function actionForKey(e: KeyLike): Action | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  const tag = e.target?.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || e.target?.isContentEditable) return null;
  return BY_KEY.get(e.key.toUpperCase()) ?? null;
}
