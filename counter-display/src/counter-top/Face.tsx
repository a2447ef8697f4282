import type { Rating } from '@layso/protocol';

const MOUTH: Record<Rating, string> = {
  'very-satisfied': 'M15 38 Q32 54 49 38',
  satisfied: 'M18 40 Q32 48 46 40',
  unsatisfied: 'M18 46 Q32 34 46 46',
};

/** A face per level, drawn inline (no emoji font needed on the device). */
export function Face({ rating }: { rating: Rating }) {
  return (
    <svg className="ct-face" viewBox="0 0 64 64" aria-hidden>
      <circle cx="32" cy="32" r="29" fill="currentColor" opacity="0.16" />
      <circle cx="32" cy="32" r="29" fill="none" stroke="currentColor" strokeWidth="4" />
      <circle cx="22" cy="25" r="4" fill="currentColor" />
      <circle cx="42" cy="25" r="4" fill="currentColor" />
      <path d={MOUTH[rating]} fill="none" stroke="currentColor" strokeWidth="4.5" strokeLinecap="round" />
    </svg>
  );
}
