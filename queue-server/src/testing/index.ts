/** The test kit, for queue-server's tests and the cross-part tests in `test/` (`@layso/queue-server/testing`). */
export { startHarness, ManualClock, type Harness } from './harness.js';
export { issue, login, socket, next, type Session, type TestServer } from './kit.js';
export { seedSmallCenter, SMALL_CENTER } from './center.js';
export { bookingProof, bookSlot, bookableServices } from './bookings.js';
export { test, it } from './fixture.js';
export { bigCatalogueCsv } from './big-catalogue.js';
export { makeCertificate, servedCertificate, type TestCertificate } from './tls.js';
export { startStandInHub, type StandInHub } from '../hub/stand-in-hub.js';
