import { isIP } from 'node:net';
import { z } from 'zod';

/** `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`: an address or a CIDR, as fastify's proxy-addr reads them. */
export function isAddressOrCidr(s: string): boolean {
  const [addr = '', bits, ...rest] = s.split('/');
  if (rest.length > 0) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/**
 * The `TRUST_PROXY` setting of both servers: the reverse proxies or load balancers whose `X-Forwarded-For` names the
 * real client, as addresses or CIDRs, comma-separated (`127.0.0.1`, `10.0.0.0/8`). Empty: nobody's; the
 * connection's own address is the client (and the sign-in limits count per connection).
 */
export const TrustProxySetting = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().refine(isAddressOrCidr, 'an address or a CIDR, e.g. 10.0.0.0/8')));
