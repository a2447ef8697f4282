import { describe, expect, it } from 'vitest';
import { isAllowedUpstream, isPrivateAddress, pushEndpointProblem } from './upstream-url.js';

describe('upstream addresses', () => {
  it('are https, or plain http to this machine only when a lab allows it', () => {
    expect(isAllowedUpstream('https://tinh.example.vn/api', false)).toBe(true);
    expect(isAllowedUpstream('http://127.0.0.1:8090', true)).toBe(true);
    expect(isAllowedUpstream('http://localhost:8090', true)).toBe(true);
    expect(isAllowedUpstream('http://[::1]:8090', true)).toBe(true);
    expect(isAllowedUpstream('http://127.0.0.1:8090', false)).toBe(false);
    expect(isAllowedUpstream('http://tinh.example.vn', true)).toBe(false);
    // A name that starts like a loopback address is a name on somebody's DNS.
    expect(isAllowedUpstream('http://127.evil.example', true)).toBe(false);
    expect(isAllowedUpstream('ftp://127.0.0.1', true)).toBe(false);
    expect(isAllowedUpstream('not a url', true)).toBe(false);
  });
});

describe('push endpoints', () => {
  it('take a public https name', () => {
    expect(pushEndpointProblem('https://fcm.googleapis.com/fcm/send/abc', false)).toBeNull();
    expect(pushEndpointProblem('https://web.push.apple.com/QGx', false)).toBeNull();
  });

  it('refuse IP literals, this machine, single-label and internal names, http, credentials', () => {
    const refused = {
      'https://10.0.0.5/push': 'an IP address, not a name',
      'https://169.254.169.254/latest/meta-data': 'an IP address, not a name',
      'https://[fd00::1]/push': 'an IP address, not a name',
      'https://2130706433/push': 'this machine',
      'https://8.8.8.8/push': 'an IP address, not a name',
      'https://localhost/push': 'this machine',
      'https://127.0.0.1/push': 'this machine',
      'https://metadata/computeMetadata': 'a single-label name',
      'https://printer.local/push': 'an internal name',
      'https://db.internal/push': 'an internal name',
      'https://nas.lan/push': 'an internal name',
      'http://push.example.com/s/1': 'not https',
      'https://user:pw@push.example.com/s/1': 'credentials in the URL',
      'file:///etc/passwd': 'not https',
    };
    for (const [url, why] of Object.entries(refused)) expect(pushEndpointProblem(url, false), url).toBe(why);
  });

  it('take this machine only with the lab allowance (the stand-in), over http too', () => {
    expect(pushEndpointProblem('http://127.0.0.1:8091/push/s/1', true)).toBeNull();
    expect(pushEndpointProblem('http://[::1]:8091/push/s/1', true)).toBeNull();
    expect(pushEndpointProblem('http://10.0.0.5/push', true)).toBe('not https');
    expect(pushEndpointProblem('https://10.0.0.5/push', true)).toBe('an IP address, not a name');
  });

  it('judge resolved addresses: private, loopback, link-local, CGNAT and ULA are not public', () => {
    for (const a of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254', '100.64.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['::1', 'fd12::1', 'fe80::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true);
    }
    for (const a of ['8.8.8.8', '142.250.1.1', '2607:f8b0:4005::200e', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(a), a).toBe(false);
    }
  });
});
