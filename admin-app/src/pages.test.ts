import { describe, expect, it } from 'vitest';
import { PAGES, pageFromHash, pagesFor } from './pages.js';

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

  it('give the feedback desk only the feedback register, which supervisors and admins find too', () => {
    expect(pagesFor('reception').map((p) => p.id)).toEqual(['feedback']);
    expect(pageFromHash('#monitor', pagesFor('reception'))).toBe('feedback');
    expect(pageFromHash('#feedback/12', pagesFor('reception'))).toBe('feedback');
    expect(pagesFor('supervisor').map((p) => p.id)).toContain('feedback');
    expect(pagesFor('admin').map((p) => p.id)).toEqual(PAGES.map((p) => p.id));
    expect(pagesFor('officer')).toEqual([]);
  });
});
