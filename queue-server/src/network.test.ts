import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { isAddressOrCidr } from '@layso/server-kit';
import { networkWarnings } from './network.js';
import { startHarness, type Harness } from './testing/harness.js';
import { makeCertificate, servedCertificate } from './testing/tls.js';

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});
const start = async (env: Record<string, string>) => {
  const h = await startHarness({ env });
  open.push(h);
  return h;
};

describe('client addresses behind a proxy (TRUST_PROXY)', () => {
  it('believes X-Forwarded-For only from a trusted proxy: /metrics is local-only for the real client', async () => {
    const metrics = (h: Harness, forwardedFor?: string) =>
      fetch(`${h.url}/metrics`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    // Behind the proxy (here 127.0.0.1): a desk on the LAN is not this machine.
    const behind = await start({ TRUST_PROXY: '127.0.0.1' });
    expect((await metrics(behind, '192.0.2.15')).status).toBe(401);
    expect((await metrics(behind, '127.0.0.1')).status).toBe(200);
    // Without a trusted proxy nobody's header counts: the connection itself is local.
    const direct = await start({});
    expect((await metrics(direct, '192.0.2.15')).status).toBe(200);
  });

  it('reads addresses and CIDRs, and refuses anything else with both languages', () => {
    for (const ok of ['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8']) expect(isAddressOrCidr(ok)).toBe(true);
    for (const bad of ['proxy.local', '10.0.0.0/33', '1.2.3', '10.0.0.0/8/1', '']) {
      expect(isAddressOrCidr(bad)).toBe(false);
    }
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(
      /Cấu hình không hợp lệ \/ Invalid configuration/,
    );
  });
});

describe('upstreams', () => {
  it('refuse a plain-http PROVINCIAL_URL unless a lab says so, and warn then', () => {
    expect(() => loadConfig({ PROVINCIAL_URL: 'http://tinh.example.vn' })).toThrow(
      /phải là https.*must be https/s,
    );
    expect(loadConfig({ PROVINCIAL_URL: 'https://tinh.example.vn' }).PROVINCIAL_URL).toBe(
      'https://tinh.example.vn',
    );
    const lab = loadConfig({ PROVINCIAL_URL: 'http://127.0.0.1:8090', ALLOW_HTTP_UPSTREAM: 'true' });
    expect(networkWarnings({ ...lab, HOST: '127.0.0.1' })).toEqual([
      expect.stringContaining('PROVINCIAL_URL is plain http'),
    ]);
  });

  it('warn about a plain-http HUB_URL of a lab: the site key travels in clear', () => {
    const lab = loadConfig({
      HUB_URL: 'http://127.0.0.1:8100',
      HUB_SITE_KEY: 'lab-site.0123456789abcdef0123',
      ALLOW_HTTP_UPSTREAM: 'true',
    });
    expect(networkWarnings({ ...lab, HOST: '127.0.0.1' })).toEqual([
      expect.stringContaining('HUB_URL is plain http'),
    ]);
  });

  it('warn about plain HTTP on the LAN, not on loopback nor with TLS', () => {
    const c = loadConfig({});
    expect(networkWarnings({ ...c, HOST: '0.0.0.0' })[0]).toMatch(/HTTP không mã hoá.*plain HTTP/s);
    expect(networkWarnings({ ...c, HOST: '127.0.0.1' })).toEqual([]);
    expect(networkWarnings({ ...c, HOST: '0.0.0.0', TLS_CERT: '/etc/layso/cert.pem' })).toEqual([]);
    expect(() => loadConfig({ TLS_CERT: '/etc/layso/cert.pem' })).toThrow(/TLS_CERT, TLS_KEY/);
  });
});

describe('TLS of its own (TLS_CERT / TLS_KEY)', () => {
  it('serves HTTPS with its certificate and takes a renewed one without a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'layso-tls-'));
    const first = makeCertificate(dir, 'first');
    const second = makeCertificate(dir, 'second');
    const live = { cert: join(dir, 'live.crt'), key: join(dir, 'live.key') };
    copyFileSync(first.cert, live.cert);
    copyFileSync(first.key, live.key);
    const h = await start({ TLS_CERT: live.cert, TLS_KEY: live.key });
    const before = await servedCertificate(h.port, readFileSync(first.cert, 'utf8'));
    expect(before.status).toBe(200);
    // Plain HTTP to the HTTPS port gets nothing usable.
    await expect(fetch(`http://127.0.0.1:${h.port}/api/health`)).rejects.toThrow();

    copyFileSync(second.cert, live.cert);
    copyFileSync(second.key, live.key);
    h.server.reloadTls();
    const after = await servedCertificate(h.port, readFileSync(second.cert, 'utf8'));
    expect(after.status).toBe(200);
    expect(after.fingerprint).not.toBe(before.fingerprint);
  });
});
