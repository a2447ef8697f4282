import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export interface TestCertificate {
  /** PEM files: what TLS_CERT and TLS_KEY name. */
  cert: string;
  key: string;
  /** The certificate's SHA-256 fingerprint, as `getPeerCertificate().fingerprint256` gives it. */
  fingerprint256: string;
}

/** A self-signed certificate for 127.0.0.1 in `dir`, made by Debian's openssl (node has no certificate maker). */
export function makeCertificate(dir: string, name: string): TestCertificate {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key, fingerprint256: new X509Certificate(readFileSync(cert)).fingerprint256 };
}

/**
 * GET /api/health over HTTPS on 127.0.0.1: the status and the fingerprint of the certificate served. With `ca`
 * the certificate must be that one; without, any certificate is taken (to see which one is served).
 */
export function servedCertificate(
  port: number,
  ca?: string,
): Promise<{ status: number; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/health',
        agent: false,
        ...(ca === undefined ? { rejectUnauthorized: false } : { ca }),
      },
      (res) => {
        const peer = (res.socket as TLSSocket).getPeerCertificate();
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, fingerprint: peer.fingerprint256 }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
