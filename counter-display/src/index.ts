/** React apps: lobby display, counter-top display with rating, officer console, admin. Skeleton for now. */
export const COUNTER_DISPLAY = 'counter-display';
