// Charts of the report screens (the center's admin and the province hub): Chart.js on a canvas. A subpath of its
// own (`@layso/ui-kit/charts`), never re-exported from the index: Chart.register runs on import, and the kiosk,
// the displays and the phone pages must not carry Chart.js.
import { useEffect, useRef } from 'react';
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { Bi } from './components.js';
import type { Bilingual } from './i18n.js';

// Only what the reports and the what-if page draw (keeps the bundle small); no animation, so a printed page shows the final chart.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  DoughnutController,
  ArcElement,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = "'Be Vietnam Pro', 'Noto Sans', sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = '#0d1b2a';
Chart.defaults.animation = false;

export const PALETTE = ['#0a4a9e', '#0f6b3a', '#b3261e', '#8a5a00', '#5b3e96', '#3b4a5c'];

export type ChartConfig = ChartConfiguration<'bar' | 'doughnut' | 'line'>;

/** One Chart.js chart on a canvas, redrawn when its data changes; `label` is what a screen reader hears. */
export function ChartView({
  config,
  label,
  height = 260,
  testId,
}: {
  config: ChartConfig;
  label: string;
  height?: number;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, ...config.options },
    } as ChartConfiguration);
    return () => chart.destroy();
  }, [config]);
  // A responsive chart sizes itself to a positioned parent.
  return (
    <div className="lk-chart" style={{ height, position: 'relative' }} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** A chart in a figure with its caption (the caption is also what a screen reader hears for the chart). */
export function ChartCard({
  title,
  config,
  testId,
  className,
}: {
  title: Bilingual;
  config: ChartConfig;
  testId: string;
  /** The figure's classes (the screen's card). */
  className?: string;
}) {
  return (
    <figure className={className}>
      <figcaption>
        <Bi m={title} single />
      </figcaption>
      <ChartView config={config} label={title.vi} testId={testId} />
    </figure>
  );
}
