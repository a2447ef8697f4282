import { createPhoneApi } from '@layso/ui-kit/phone-api';

/** The phone page's one REST client (same origin): every call goes through it, typed by the endpoint table. */
export const phoneApi = createPhoneApi();
