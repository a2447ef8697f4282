import type { Dispatch, RefObject } from 'react';
import type { BodyIn, Ticket } from '@layso/protocol';
import type { CccdCard } from '../cccd/parse.js';
import type { KioskEnv } from './env.js';
import type { FlowAction, Step } from './flow.js';

export interface CheckInDeps {
  env: KioskEnv;
  step: Step;
  dispatch: Dispatch<FlowAction>;
  /** The lock against a double tap, shared with every other request the kiosk makes. */
  inflight: RefObject<boolean>;
  /** How every number is given (on screen, then on paper); null when the server gave none. */
  give: (get: () => Promise<Ticket | null>) => Promise<void>;
}

/** A booking's check-in at the kiosk: by its code (typed or its QR scanned) or by its holder's CCCD. */
export function useCheckIn({ env, step, dispatch, inflight, give }: CheckInDeps) {
  /** A booking checked in by its code (typed or scanned) or its holder's card: a booked ticket, or why not now. */
  const checkInWith = (body: BodyIn<'checkIn'>) => {
    if (inflight.current) return;
    // The screen shows the code being checked in; a card's number is never kept.
    dispatch({ type: 'check-in', code: 'code' in body ? body.code : null });
    void give(async () => {
      const reply = await env.api.call('checkIn', { body });
      if (reply.outcome !== 'issued') {
        dispatch({ type: 'check-in-answer', answer: reply });
        return null;
      }
      // The reply carries the ticket: one checked in at another kiosk is not this kiosk's to read back by id.
      return reply.ticket;
    });
  };

  return {
    checkInWith,
    /** On the check-in screen a CCCD finds its holder's booking of today; answers false on any other screen. */
    onCard: (card: CccdCard): boolean => {
      if (step.kind !== 'check-in') return false;
      checkInWith({ cccd: card.idNumber });
      return true;
    },
    // A booking's QR checks it in from any screen but a number's (that number may be all the citizen has).
    onBookingCode: (code: string) => {
      if (step.kind !== 'ticket') checkInWith({ code });
    },
  };
}
