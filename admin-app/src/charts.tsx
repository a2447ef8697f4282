import { ChartCard as Card, type ChartConfig } from '@layso/ui-kit/charts';
import type { Bilingual } from '@layso/ui-kit';

export { PALETTE } from '@layso/ui-kit/charts';

/** ui-kit's chart in the admin's card; `wide` spans both columns of the report's grid. */
export function ChartCard({
  title,
  config,
  testId,
  wide = false,
}: {
  title: Bilingual;
  config: ChartConfig;
  testId: string;
  wide?: boolean;
}) {
  return (
    <Card title={title} config={config} testId={testId} className={wide ? 'ad-card ad-wide' : 'ad-card'} />
  );
}
