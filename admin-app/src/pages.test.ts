import { describe, expect, it } from 'vitest';
import { PAGES, pageFromHash } from './pages.js';

describe('admin pages', () => {
  it('have one id each, so a #link opens exactly one page', () => {
    const ids = PAGES.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('open from the address fragment, with or without a leading slash', () => {
    expect(pageFromHash('#reports')).toBe('reports');
    expect(pageFromHash('#/audit')).toBe('audit');
    expect(pageFromHash('#dossiers/uncollected')).toBe('dossiers');
  });

  it('fall back to the floor monitor for an empty or unknown fragment', () => {
    expect(pageFromHash('')).toBe('monitor');
    expect(pageFromHash('#nope')).toBe('monitor');
  });
});
