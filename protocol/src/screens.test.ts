import { describe, expect, it } from 'vitest';
import { AnnounceSettings, validateTemplate } from './screens.js';

describe('validateTemplate', () => {
  it('accepts a template with both placeholders, forgiving case and spaces inside braces', () => {
    expect(validateTemplate('Mời {number} đến quầy {counter}')).toBeNull();
    expect(validateTemplate('{counter}: mời số {number}')).toBeNull();
    expect(validateTemplate('Mời { Number } đến quầy {COUNTER}')).toBeNull();
  });

  it.each([
    ['', /trống.*empty/],
    ['   ', /trống.*empty/],
    ['Mời đến quầy {counter}', /\{number\}.*\{number\}/],
    ['Mời số {number}', /\{counter\}.*\{counter\}/],
    ['Mời số thứ tự', /\{number\}/],
    ['Mời số {so} đến quầy {counter} {number}', /\{so\}.*\{so\}/],
    ['Mời số {number đến quầy {counter}', /ngoặc.*brace/],
    ['Mời số {number} đến quầy {counter}}', /ngoặc.*brace/],
  ])('rejects %j, in Vietnamese and English', (template, message) => {
    const error = validateTemplate(template);
    expect(error).toMatch(message);
    expect(error).toContain(' / ');
  });
});

describe('AnnounceSettings', () => {
  it('refuses a template the lobby could not say, with the reason', () => {
    const ok = {
      template: 'Mời số {number} đến quầy {counter}',
      reading: 'whole',
      dialect: 'north',
      repeat: 0,
    };
    expect(AnnounceSettings.safeParse(ok).success).toBe(true);
    const bad = AnnounceSettings.safeParse({ ...ok, template: 'Mời số {so} đến quầy {counter}' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('{so}');
  });
});
