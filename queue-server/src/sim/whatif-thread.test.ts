/**
 * The what-if's worker thread (issue 17): the same answer as the main thread for a fixed seed, a worker that throws
 * or is stopped settles its run instead of hanging, and a plan the model refuses comes back in both languages.
 */
import { describe, expect, it } from 'vitest';
import profileJson from './demo-profile.json' with { type: 'json' };
import { demoPlan } from '../demo/center.js';
import { modelFromProfile, parseProfile, type DayModel } from './model.js';
import { addCounters } from './plan.js';
import { wireNumbers } from './stats.js';
import { compare } from './whatif.js';
import { runWhatIf, type WhatIfInput } from './whatif-thread.js';

const parsed = parseProfile(profileJson);
if (!parsed.ok) throw new Error(parsed.problems.join('; '));
const model = modelFromProfile(parsed.profile);
const planA = demoPlan();
const planB = addCounters(planA, 'TP:2@07:00-11:30');
const options = { weekday: 1, replications: 3, seed: 11, targetMinutes: 20 };

// A worker's start under tsx alone takes a second or more on a loaded machine.
describe('the what-if worker thread', { timeout: 60_000 }, () => {
  it('gives exactly what the main thread gives for the same seed, one step per simulated day', async () => {
    let steps = 0;
    const run = runWhatIf({ model, planA, planB, options }, () => (steps += 1));
    const outcome = await run.outcome;
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.result).toEqual(wireNumbers(compare(model, planA, planB, options)));
    expect(steps).toBe(2 * options.replications);
    expect(outcome.result.b.counters.length).toBe(outcome.result.a.counters.length + 2);
  });

  it('answers a plan the model cannot run as a refusal in both languages', async () => {
    const bad = { ...planB, counters: [...planB.counters, { number: 99, services: ['KHONGCO'] }] };
    const outcome = await runWhatIf({ model, planA, planB: bad, options }, () => undefined).outcome;
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.vi).toMatch(/\S/);
    expect(outcome.en).toMatch(/\S/);
  });

  it('rejects when the worker throws (a model it cannot read), and the thread is gone', async () => {
    // Data from outside that is not a model (JSON is untyped): the worker throws a TypeError on it, uncaught there.
    const broken: DayModel = JSON.parse(JSON.stringify({ ...model, services: null }));
    const input: WhatIfInput = { model: broken, planA, planB, options };
    await expect(runWhatIf(input, () => undefined).outcome).rejects.toThrow(TypeError);
  });

  it('stops at once when asked: the run rejects with the exit, however long it had to go', async () => {
    const long = { ...options, replications: 100 };
    let steps = 0;
    const run = runWhatIf({ model, planA, planB, options: long }, () => (steps += 1));
    await run.stop();
    await expect(run.outcome).rejects.toThrow(/exited/);
    expect(steps).toBeLessThan(2 * long.replications);
  });
});
