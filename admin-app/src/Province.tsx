import type { ProvinceCatalogueReply } from '@layso/protocol';
import { Banner, Bi, Button } from '@layso/ui-kit';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { Problem, useAction, useLoad } from './parts.js';
import { pullSummary } from './province.js';

/** What the province's catalogue manages here (GET /api/admin/province-catalogue), for the pages that edit it. */
export function useProvince() {
  const { api } = useAdmin();
  return useLoad(() => api.provinceCatalogue(), [api]);
}

/** "Do tỉnh quản lý / Managed by the province", beside what the center cannot change. */
export function ProvinceBadge({ testId = 'province-badge' }: { testId?: string }) {
  return (
    <span className="ad-tag ad-province" title={A.provinceManagedHint.vi} data-testid={testId}>
      {/* Both languages inline: a badge is one short line. */}
      <span lang="vi">{A.provinceManaged.vi}</span> / <span lang="en">{A.provinceManaged.en}</span>
    </span>
  );
}

/** The pull's state (version, last check, ETag, failure) and, for admins, "Cập nhật từ tỉnh". */
export function ProvincePanel({
  province,
  onPulled,
}: {
  province: ProvinceCatalogueReply | null;
  onPulled: () => void;
}) {
  const { api, canEdit } = useAdmin();
  const pull = useAction();
  if (!province) return null;
  const { lines, failing } = pullSummary(province);
  return (
    <section className="ad-card" data-testid="province-panel" data-state={province.state}>
      <h2>
        <Bi m={A.provinceTitle} single />
        {province.state !== 'off' ? <ProvinceBadge testId="province-panel-badge" /> : null}
      </h2>
      {lines.map((m, i) => (
        <p key={i} className="ad-muted">
          <Bi m={m} />
        </p>
      ))}
      {failing ? <Banner tone="warning" title={failing} testId="province-failing" /> : null}
      {canEdit && province.state !== 'off' ? (
        <Button
          busy={pull.busy}
          testId="province-pull"
          onClick={() => void pull.run(() => api.pullProvinceCatalogue()).then((r) => r && onPulled())}
        >
          <Bi m={A.provincePull} single />
        </Button>
      ) : null}
      <Problem error={pull.error} />
    </section>
  );
}
