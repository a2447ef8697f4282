/**
 * The admin app in real Chromium at a site joined to a province hub (issue 20, Deliver 3): what the province's
 * catalogue manages shows "Do tỉnh quản lý" with its controls disabled — a procedure's service, the announcement,
 * the priority groups — after the admin presses "Cập nhật từ tỉnh", with the version and the ETag check shown. The
 * hub is the tests' stand-in (the real one is tested on PostgreSQL in province-hub).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { HubCatalogue } from '@layso/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallCenter, startHarness, startStandInHub } from '@layso/queue-server/testing';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { REPO_ROOT } from '../support/child.js';
import { signIn } from '../support/sign-in.js';

const SHOTS = join(REPO_ROOT, 'test-results/screenshots/admin');
const OFFICE_PC = { width: 1366, height: 768 };
const SITE = 'xa-long-ho';
const KEY = `${SITE}.s3cret-0123456789abcdef`;

const procedure = (code: string, name: string, service: string | null) => ({
  code,
  name,
  field: 'Hộ tịch',
  agency: 'UBND cấp xã',
  level: null,
  processingTime: null,
  fee: null,
  service,
});

const PROVINCE: HubCatalogue = {
  version: 4,
  updatedAt: '2026-12-07T02:00:00.000Z',
  procedures: [
    procedure('1.000894', 'Đăng ký khai sinh', 'TP'),
    procedure('2.000908', 'Cấp bản sao từ sổ gốc', null),
  ],
  announce: { template: 'Mời số {number} đến quầy {counter}', reading: 'whole', dialect: 'south', repeat: 1 },
  priorityGroups: [{ code: 'nguoi-cao-tuoi', name: 'Người cao tuổi', nameEn: 'Elderly' }],
};

let chrome: TestBrowser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  chrome = await launchBrowser();
});
afterAll(async () => {
  await chrome.close();
});

describe("admin: what the province's catalogue manages", () => {
  it('badges and locks it after "Cập nhật từ tỉnh", and leaves the rest editable', async () => {
    const hub = await startStandInHub({ site: SITE, key: KEY });
    const h = await startHarness({
      seed: seedSmallCenter,
      env: { HUB_URL: hub.url, HUB_SITE_KEY: KEY, ALLOW_HTTP_UPSTREAM: 'true' },
    });
    try {
      await hub.until(() => hub.pulls.length > 0);
      hub.setCatalogue(PROVINCE);
      const admin = await chrome.page(OFFICE_PC);
      await signIn(admin, `${h.url}/admin#procedures`, h.credentials.admin);
      const panel = admin.getByTestId('province-panel');
      await panel.getByTestId('province-pull').click();
      await panel.getByText('Phiên bản 4').waitFor();
      expect(await panel.getAttribute('data-state')).toBe('current');

      // The province names TP, which this center has: the service is locked; the other procedure is the center's to map.
      const row = (code: string) => admin.getByTestId('procedures-table').locator('tr', { hasText: code });
      await row('1.000894').getByTestId('province-badge').waitFor();
      expect(await row('1.000894').getByTestId('procedure-service').isDisabled()).toBe(true);
      await row('2.000908').getByTestId('province-badge').waitFor();
      expect(await row('2.000908').getByTestId('procedure-service').isDisabled()).toBe(false);
      await admin.screenshot({ path: join(SHOTS, 'province-procedures-1366.png') });

      // Pulled again: nothing new, and the page says the ETag matched.
      await panel.getByTestId('province-pull').click();
      await panel.getByText(/ETag .* khớp/).waitFor();

      await admin.goto(`${h.url}/admin#settings`);
      const announce = admin.getByTestId('announce-fields');
      await announce.getByTestId('announce-province').waitFor();
      expect(await announce.locator('input[name="template"]').isDisabled()).toBe(true);
      expect(await admin.locator('input[name="centerName"]').isDisabled()).toBe(false);
      await admin.screenshot({ path: join(SHOTS, 'province-settings-1366.png') });

      await admin.goto(`${h.url}/admin#services`);
      const groups = admin.getByTestId('priority-groups');
      await groups.getByTestId('priority-groups-province').waitFor();
      expect(await groups.locator('input').first().isDisabled()).toBe(true);
    } finally {
      await h.close();
      await hub.close();
    }
  });
});
