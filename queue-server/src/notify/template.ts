/**
 * The send-time check of a notice's template and values (the admin-time check of the template alone is protocol's
 * `checkTemplate`). Providers approve templates with fixed parameters (../shared/domain/vietnam.md, "Notices to
 * citizens"); the same check runs in our adapters (before spending a message) and in the stand-ins (as the
 * provider's review would): exactly the declared parameters, no link and no phone number in a value or in the text,
 * and a length limit on what the phone shows. Problems name parameters, never their values (which may be personal).
 */
import { NOTICE_LINK, renderTemplate, templateHoles } from '@layso/protocol';

/** What a check needs of a template: its text with `{param}` holes and the parameters it was approved with. */
export interface TemplateShape {
  text: string;
  params: readonly string[];
}

/** A Vietnamese mobile number (0 or 84, then 3/5/7/8/9 and eight digits; spaces or dots between digits allowed). */
const PHONE = /(?:\+?84|\b0)[35789](?:[\s.]?\d){8}\b/;

/** The first thing wrong with `data` for `template` (safe to log: names, never values), or null. */
export function templateProblem(
  template: TemplateShape,
  data: Readonly<Record<string, string>>,
  maxChars: number,
): string | null {
  const declared = new Set(template.params);
  for (const hole of templateHoles(template.text)) {
    if (!declared.has(hole)) return `template uses undeclared parameter ${hole}`;
  }
  for (const name of declared) if (!(name in data)) return `missing parameter ${name}`;
  for (const name of Object.keys(data)) if (!declared.has(name)) return `unexpected parameter ${name}`;
  if (NOTICE_LINK.test(template.text)) return 'template text holds a link';
  for (const [name, value] of Object.entries(data)) {
    if (NOTICE_LINK.test(value)) return `parameter ${name} holds a link`;
    if (PHONE.test(value)) return `parameter ${name} holds a phone number`;
  }
  const length = [...renderTemplate(template.text, data)].length;
  if (length > maxChars) return `text is ${length} characters, over ${maxChars}`;
  return null;
}
