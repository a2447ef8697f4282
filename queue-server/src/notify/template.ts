/**
 * A notice template as the providers approve them (../shared/domain/vietnam.md, "Notices to citizens"): fixed text
 * with `{param}` slots and a declared parameter list. The same checks run in our adapters (before spending a
 * message) and in the stand-ins (as the provider's review would): exactly the declared parameters, no link and no
 * phone number in a value or in the text, and a length limit on what the phone shows. Problems name parameters,
 * never their values (which may be personal).
 */

export interface NoticeTemplate {
  /** Text with `{name}` slots, e.g. "Số {number}: mời đến {counter}". */
  body: string;
  /** The parameters the template was approved with: exactly these, no more, no fewer. */
  params: readonly string[];
}

const SLOT = /\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g;
/** A URL or a bare domain (zalo.me/x, abc.vn): links go on buttons, never in a notice's text. */
const LINK = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(vn|com|net|org|me|gov|info|io)\b)/i;
/** A Vietnamese mobile number (0 or 84, then 3/5/7/8/9 and eight digits; spaces or dots between digits allowed). */
const PHONE = /(?:\+?84|\b0)[35789](?:[\s.]?\d){8}\b/;

export function renderTemplate(body: string, data: Readonly<Record<string, string>>): string {
  return body.replace(SLOT, (_all, name: string) => data[name] ?? '');
}

/** The slots the text uses, in order, once each. */
export function slotsOf(body: string): string[] {
  return [...new Set([...body.matchAll(SLOT)].map((m) => m[1] ?? ''))];
}

/** The first thing wrong with `data` for `template` (safe to log), or null. */
export function templateProblem(
  template: NoticeTemplate,
  data: Readonly<Record<string, string>>,
  maxChars: number,
): string | null {
  const declared = new Set(template.params);
  for (const slot of slotsOf(template.body)) {
    if (!declared.has(slot)) return `template uses undeclared parameter ${slot}`;
  }
  for (const name of declared) if (!(name in data)) return `missing parameter ${name}`;
  for (const name of Object.keys(data)) if (!declared.has(name)) return `unexpected parameter ${name}`;
  if (LINK.test(template.body)) return 'template text holds a link';
  for (const [name, value] of Object.entries(data)) {
    if (LINK.test(value)) return `parameter ${name} holds a link`;
    if (PHONE.test(value)) return `parameter ${name} holds a phone number`;
  }
  const length = [...renderTemplate(template.body, data)].length;
  if (length > maxChars) return `text is ${length} characters, over ${maxChars}`;
  return null;
}
