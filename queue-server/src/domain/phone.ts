/**
 * A Vietnamese mobile number in the one form the server keeps: `+84912…` and `0912…` are one phone, so one key for
 * its limits and one row to match (the schema's PHONE_PATTERN has admitted both forms, nothing else).
 */
export const localPhone = (phone: string): string => phone.replace(/^\+84/, '0');
