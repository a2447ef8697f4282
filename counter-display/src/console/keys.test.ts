import { describe, expect, it } from 'vitest';
import { SHORTCUTS, actionForKey } from './keys.js';

const press = (key: string, over: Partial<Parameters<typeof actionForKey>[0]> = {}) =>
  actionForKey({ key, ctrlKey: false, altKey: false, metaKey: false, target: { tagName: 'BODY' }, ...over });

describe('console shortcuts', () => {
  it('maps each letter, either case, to its action', () => {
    for (const [action, key] of Object.entries(SHORTCUTS)) {
      expect(press(key)).toBe(action);
      expect(press(key.toLowerCase())).toBe(action);
    }
    expect(new Set(Object.values(SHORTCUTS)).size).toBe(Object.keys(SHORTCUTS).length);
  });

  it('never fires while typing in a field, with a modifier, or for other keys', () => {
    expect(press('g', { target: { tagName: 'INPUT' } })).toBeNull();
    expect(press('k', { target: { tagName: 'textarea' } })).toBeNull();
    expect(press('k', { target: { tagName: 'DIV', isContentEditable: true } })).toBeNull();
    expect(press('g', { ctrlKey: true })).toBeNull();
    expect(press('l', { altKey: true })).toBeNull();
    expect(press('x')).toBeNull();
    expect(press('Enter')).toBeNull();
  });
});
