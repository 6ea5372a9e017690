/**
 * A bar chart drawn by uPlot (canvas) for the analytics page. The chart is a picture of the
 * table that always follows it, so it is hidden from screen readers; its caption says what the
 * values are (with their unit) and, with several series, the legend names them by colour.
 * Categories (period ends, tiers, codes) sit at x = 0, 1, 2, … labelled on the axis. With two
 * bar series the second is drawn narrower inside the first (coupons: used inside issued).
 *
 * A stacked chart is for series that split one whole (members by tier, by stage: each member is
 * in one): each period's bar is the total, cut into the series from the first at the bottom. No
 * series can hide another there, as lines of equal values did.
 *
 * The axes fit the width the chart gets, from 360 px up: the y axis is as wide as its widest
 * number in the page's locale, and its top gridline is at or above the highest value; category
 * labels that do not fit their share of the width wrap (at spaces, and in Chinese between
 * characters), and where that is not enough a stacked chart names every few periods (always the
 * latest) and a bar chart turns its labels, so none overlap.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import { formatNumber } from '../../../i18n/format.ts';
import { useSectionText } from '../../use-text.ts';

/** Distinguishable, at least 3:1 against white (WCAG 1.4.11); series in order. */
export const palette = ['#1f5fa8', '#b3541e', '#2e7d32', '#7b1fa2', '#8a6d00', '#c2185b', '#00695c', '#455a64'];

/** A category's name; as pieces, a range of dates (calendarRange) a line breaks between and only there. */
export type Label = string | readonly string[];

export const labelText = (label: Label): string => (typeof label === 'string' ? label : label.join(''));

export interface ChartData {
  labels: Label[];
  series: { name: string; values: (number | null)[] }[];
}

type Kind = 'stacked' | 'bar';

/**
 * The tops of a stacked chart's pieces: for each series, the running total of it and the series
 * before it. uPlot draws series in order and a later bar covers an earlier one, so they are drawn
 * from the last (the whole) down to the first, each leaving the piece above it showing.
 */
export function stack(series: readonly { values: readonly (number | null)[] }[]): number[][] {
  const totals: number[][] = [];
  series.forEach((s, i) => totals.push(s.values.map((value, j) => (i === 0 ? 0 : totals[i - 1]![j]!) + (value ?? 0))));
  return totals;
}

const axisColour = '#4a5361';
const fontSize = 12;
/** uPlot's own face, named here so that labels are measured in the font they are drawn in. */
const axisFont = `${fontSize}px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif`;
/** uPlot sets the lines of a label 1.5 × the font size apart. */
const lineHeight = fontSize * 1.5;
const tickSize = 10;
const axisGap = 5;
/** The least space between two labels side by side. */
const labelGap = 8;
/** A turned label longer than this is shortened; the table under the chart has it whole. */
const turnedMax = 130;

/**
 * The y axis's gridlines: from 0, a round step apart (1, 2 or 5 × a power of ten; at least 1
 * for whole numbers, as a count has no halves), at most five intervals, up to the first at or
 * above `max`, so that no bar or point reaches above the top one.
 */
export function yTicks(max: number, whole: boolean): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(whole ? 1 : 0, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  // The epsilon keeps a max that is a step multiple in floating point (0.30000000000000004) from adding a line.
  return Array.from({ length: Math.ceil(max / step - 1e-9) + 1 }, (_, i) => Number((i * step).toFixed(digits)));
}

/** How the x axis names its categories at a given width. */
export interface LabelFit {
  /** The text under each category, lines joined by "\n"; '' where a category goes unnamed. */
  values: string[];
  /** Degrees, as uPlot's axis `rotate`: turned labels run down to the left of their tick. */
  rotate: number;
  /** The axis's height below the plot, ticks included (CSS px). */
  size: number;
  /** How far the outermost labels reach past the plot's left and right edges (CSS px). */
  overhang: { left: number; right: number };
}

/**
 * `label` in the pieces a line may end after: a word and its space, or a Chinese or Japanese
 * character (not before closing punctuation), as a browser breaks text. Chinese writes no
 * spaces: "2026年9月8日至30日" broken only at spaces stayed one line too wide for its bar, and
 * the chart named every other period. A range of dates comes in its own two pieces.
 */
function pieces(label: Label): readonly string[] {
  if (typeof label !== 'string') return label.filter(Boolean);
  return label.split(/(?<= )|(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])(?![、。，）」』：；！？])/u);
}

/** `label` broken into lines of at most `width`, as a browser wraps text (a piece wider stays whole). */
function wrap(label: Label, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const piece of pieces(label)) {
    const last = lines.at(-1);
    if (last !== undefined && measure(`${last}${piece}`.trimEnd()) <= width) lines[lines.length - 1] = `${last}${piece}`;
    // A range's second piece starts with the space before its dash.
    else lines.push(piece.trimStart());
  }
  return lines.map((line) => line.trimEnd());
}

/** `label` on one line or, broken where the longer line is shortest, on two. */
function compact(label: Label, measure: (text: string) => number): string[] {
  const parts = pieces(label);
  let best = [labelText(label)];
  let widest = measure(best[0]!);
  for (let i = 1; i < parts.length; i++) {
    const lines = [parts.slice(0, i).join('').trimEnd(), parts.slice(i).join('').trimStart()];
    const width = Math.max(...lines.map(measure));
    if (width < widest) [best, widest] = [lines, width];
  }
  return best;
}

/** `label` cut short with "…" to at most `width`. */
function shorten(label: string, width: number, measure: (text: string) => number): string {
  const characters = [...label];
  let kept = characters.length;
  while (kept > 1 && measure(characters.slice(0, kept).join('') + (kept < characters.length ? '…' : '')) > width) kept--;
  return kept < characters.length ? `${characters.slice(0, kept).join('')}…` : label;
}

/**
 * Lays out the x axis's labels, `slot` CSS px apart (each category's share of the plot): all
 * of them when each fits its slot, wrapped onto up to three lines (a Chinese period of a few
 * days takes three at 360 px: 2026年 / 12月1日至 / 6日); otherwise a stacked chart (periods in
 * order) names every few, counted back from the latest, each on two lines, and a bar chart, whose every bar needs its name, turns them 45° (naming every
 * few only when even turned ones would touch).
 */
export function fitLabels(labels: readonly Label[], kind: Kind, slot: number, measure: (text: string) => number): LabelFit {
  const below = tickSize + axisGap;
  const all = labels.map((_, i) => i);
  const horizontal = (lines: string[][], shown: number[]): LabelFit => {
    const widths = lines.map((l) => Math.max(...l.map(measure)));
    return {
      values: lines.map((l, i) => (shown.includes(i) ? l.join('\n') : '')),
      rotate: 0,
      size: below + Math.max(1, ...shown.map((i) => lines[i]!.length)) * lineHeight,
      overhang: {
        left: Math.max(0, ...shown.map((i) => widths[i]! / 2 - (i + 0.5) * slot)),
        right: Math.max(0, ...shown.map((i) => widths[i]! / 2 - (labels.length - i - 0.5) * slot)),
      },
    };
  };
  const room = slot - labelGap;
  const wrapped = labels.map((label) => wrap(label, room, measure));
  if (wrapped.every((lines) => lines.length <= 3 && lines.every((line) => measure(line) <= room))) return horizontal(wrapped, all);
  if (kind === 'stacked') {
    const lines = labels.map((label) => compact(label, measure));
    const every = Math.ceil((Math.max(...lines.flat().map(measure)) + labelGap) / slot);
    return horizontal(lines, all.filter((i) => (labels.length - 1 - i) % every === 0));
  }
  // Turned 45°, neighbours are slot × sin 45° apart across their lines.
  const every = Math.ceil((fontSize * 1.25) / (slot * Math.SQRT1_2));
  const shown = all.filter((i) => i % every === 0);
  const turned = labels.map((label, i) => (shown.includes(i) ? shorten(labelText(label), turnedMax, measure) : ''));
  const half = (fontSize / 2) * Math.SQRT1_2;
  return {
    values: turned,
    rotate: 45,
    size: below + Math.ceil(Math.max(...turned.map(measure)) * Math.SQRT1_2 + 2 * half),
    overhang: {
      left: Math.max(0, ...shown.map((i) => measure(turned[i]!) * Math.SQRT1_2 + half - (i + 0.5) * slot)),
      right: Math.max(0, half - slot / 2),
    },
  };
}

let measurer: CanvasRenderingContext2D | null = null;

/** A text's width in the axes' font (CSS px), on a canvas of its own so uPlot's drawing state is left alone. */
function measure(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d')!;
  measurer.font = axisFont;
  return measurer.measureText(text).width;
}

/** `drawn`: the series' values as uPlot draws them (a stacked chart's running totals, the whole first). */
function options(kind: Kind, data: ChartData, drawn: (number | null)[][], width: number, format: (value: number) => string, max?: number): uPlot.Options {
  const indices = data.labels.map((_, i) => i);
  const categories = Math.max(data.labels.length, 1);
  const values = drawn.flat().filter((v): v is number => v !== null);
  const ticks = max === undefined ? yTicks(Math.max(0, ...values), values.every(Number.isInteger)) : yTicks(max, true);
  const tickLabels = ticks.map(format);
  // The widest number, its tick and gap, and 2 px off the canvas's edge.
  const yWidth = Math.ceil(Math.max(...tickLabels.map(measure))) + tickSize + axisGap + 2;
  // Laid out again whenever uPlot sizes the plot: the labels' room depends on the plot's width,
  // and the padding on where the labels reach.
  let fit: LabelFit = { values: data.labels.map(labelText), rotate: 0, size: tickSize + axisGap + lineHeight, overhang: { left: 0, right: 0 } };
  const bars = uPlot.paths.bars!;
  return {
    width,
    height: 240,
    legend: { show: false },
    cursor: { show: false },
    // Room for the first label where it reaches past the y axis, and for the last past the plot.
    padding: [null, () => Math.max(16, Math.ceil(fit.overhang.right)), null, () => Math.max(0, Math.ceil(fit.overhang.left - yWidth))],
    scales: {
      x: { time: false, range: () => [-0.5, categories - 0.5] },
      y: { range: () => [0, ticks.at(-1)!] },
    },
    axes: [
      {
        stroke: axisColour,
        font: axisFont,
        gap: axisGap,
        ticks: { size: tickSize },
        grid: { show: false },
        splits: () => indices,
        values: (u) => (fit = fitLabels(data.labels, kind, u.bbox.width / uPlot.pxRatio / categories, measure)).values,
        rotate: () => fit.rotate,
        size: () => fit.size,
      },
      {
        stroke: axisColour,
        font: axisFont,
        gap: axisGap,
        ticks: { size: tickSize },
        grid: { stroke: '#e3e6ea' },
        splits: () => ticks,
        values: () => tickLabels,
        size: yWidth,
      },
    ],
    series: [
      {},
      ...drawn.map((_, d): uPlot.Series => {
        const i = kind === 'stacked' ? drawn.length - 1 - d : d;
        const colour = palette[i % palette.length]!;
        return kind === 'stacked'
          // A white edge parts the pieces where neighbouring colours are close.
          ? { stroke: '#fff', width: 1, fill: colour, paths: bars({ size: [0.7, 80] }), points: { show: false } }
          : { stroke: colour, fill: colour, paths: bars({ size: [i === 0 ? 0.7 : 0.4, 80] }), points: { show: false } };
      }),
    ],
  };
}

/**
 * `title` says what the values are, with their unit ("Average order value (US$)"); `format`
 * writes the y axis's numbers (default: plain numbers in the page's locale); `max` fixes the
 * axis's top (a rate's 100 %) instead of fitting it to the values.
 */
export function Chart({ kind, data, title, format, max }: { kind: Kind; data: ChartData; title: string; format?: (value: number) => string; max?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const { locale } = useSectionText('growth');
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const drawn = kind === 'stacked' ? stack(data.series).reverse() : data.series.map((s) => s.values);
    const values: uPlot.AlignedData = [data.labels.map((_, i) => i), ...drawn];
    const plot = new uPlot(options(kind, data, drawn, Math.max(target.clientWidth, 280), format ?? ((value) => formatNumber(value, locale)), max), values, target);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(target.clientWidth, 280), height: 240 }));
    resize.observe(target);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [kind, data, format, locale, max]);
  return (
    <figure class="chart-figure">
      <figcaption class="chart-title">{title}</figcaption>
      <div ref={element} class={`chart chart-${kind}`} aria-hidden="true" />
      {data.series.length > 1 && (
        <ul class="chart-legend">
          {data.series.map((s, i) => (
            <li key={s.name}>
              <span aria-hidden="true" class="chart-key" style={{ background: palette[i % palette.length] }} />
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
