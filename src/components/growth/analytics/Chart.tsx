/**
 * A line or bar chart drawn by uPlot (canvas) for the analytics page. The chart is a picture of
 * the table that always follows it, so it is hidden from screen readers; the legend names the
 * series by colour and name. Categories (period ends, tiers, codes) sit at x = 0, 1, 2, …
 * labelled on the axis. With two bar series the second is drawn narrower inside the first
 * (coupons: used inside issued).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';

/** Distinguishable, at least 3:1 against white (WCAG 1.4.11); series in order. */
export const palette = ['#1f5fa8', '#b3541e', '#2e7d32', '#7b1fa2', '#8a6d00', '#c2185b', '#00695c', '#455a64'];

export interface ChartData {
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

const axisColour = '#4a5361';

function options(kind: 'line' | 'bar', data: ChartData, width: number): uPlot.Options {
  const indices = data.labels.map((_, i) => i);
  const bars = uPlot.paths.bars!;
  return {
    width,
    height: 240,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: false, range: () => [-0.5, Math.max(data.labels.length - 0.5, 0.5)] },
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      { stroke: axisColour, splits: () => indices, values: (_u, splits) => splits.map((i) => data.labels[i] ?? ''), grid: { show: false } },
      { stroke: axisColour, grid: { stroke: '#e3e6ea' } },
    ],
    series: [
      {},
      ...data.series.map((s, i): uPlot.Series => {
        const colour = palette[i % palette.length]!;
        return kind === 'bar'
          ? { label: s.name, stroke: colour, fill: colour, paths: bars({ size: [i === 0 ? 0.7 : 0.4, 80] }), points: { show: false } }
          : { label: s.name, stroke: colour, width: 2, points: { show: true, size: 5, fill: colour } };
      }),
    ],
  };
}

export function Chart({ kind, data, label }: { kind: 'line' | 'bar'; data: ChartData; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const values: uPlot.AlignedData = [data.labels.map((_, i) => i), ...data.series.map((s) => s.values)];
    const plot = new uPlot(options(kind, data, Math.max(target.clientWidth, 280)), values, target);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(target.clientWidth, 280), height: 240 }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [kind, data]);
  return (
    <figure class="chart-figure">
      <div ref={element} class={`chart chart-${kind}`} aria-hidden="true" />
      <figcaption class="visually-hidden">{label}</figcaption>
      {data.series.length > 1 && (
        <ul class="chart-legend">
          {data.series.map((s, i) => (
            <li key={s.name}>
              <span aria-hidden="true" style={{ background: palette[i % palette.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
