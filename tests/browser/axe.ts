/**
 * Accessibility scans with axe-core (through @axe-core/playwright) against WCAG 2.0 and 2.1,
 * levels A and AA, plus axe's landmark rules. axe walks open shadow roots, so the widget's
 * panel is scanned with the page.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Frame, type Page } from '@playwright/test';
import axe, { type AxeResults, type ElementContext, type NodeResult, type PartialResult, type Result, type RunOptions } from 'axe-core';

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe's landmark rules, tagged best-practice rather than WCAG, run on top of the WCAG tags:
 * the widget lands on pages we do not write, and must not add a second banner, main or
 * contentinfo landmark to them.
 */
export const landmarkRules = [
  'landmark-one-main',
  'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo',
  'landmark-no-duplicate-main',
  'landmark-unique',
  'landmark-banner-is-top-level',
  'landmark-contentinfo-is-top-level',
  'landmark-main-is-top-level',
  'landmark-complementary-is-top-level',
];

export interface ScanOptions {
  /** Scan only inside these elements (CSS selectors), e.g. the widget's host. */
  include?: string[];
  /**
   * Rules to skip in this one scan. Only for a cause outside our control, with a comment at
   * the call site saying which.
   */
  disableRules?: string[];
  /**
   * Every node each rule checked, not only the violating ones: for a test that reads what the
   * scan reached. Otherwise axe keeps one node per passed or incomplete rule, which spares it
   * building a selector for every node of the page (about a third of a scan's time).
   */
  everyNode?: boolean;
}

/** A node's target as one string; a target inside a shadow root reads `host >>> inner`. */
export function targetText(node: NodeResult): string {
  return node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' | ');
}

/** Each violation as `rule (impact) at target: summary`, one line per offending node. */
export function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${node.impact ?? violation.impact ?? 'unknown impact'}) at ${targetText(node)}: ` +
        `${(node.failureSummary ?? violation.help).replace(/\s*\n\s*/g, ' ')} [${violation.helpUrl}]`,
    ),
  );
}

/** The axe run options: the WCAG tags plus the landmark rules, less `disabled`. */
export function axeOptions(disabled: string[] = []): RunOptions {
  // With runOnly by tags, `rules: { id: { enabled: true } }` adds a rule from outside the tags.
  // Set as one object: AxeBuilder's options() replaces runOnly, and disableRules() replaces rules.
  return {
    runOnly: { type: 'tag', values: wcagTags },
    rules: Object.fromEntries([
      ...landmarkRules.map((id) => [id, { enabled: true }] as const),
      ...disabled.map((id) => [id, { enabled: false }] as const),
    ]),
  };
}

/** axe's functions as a page sees them once axe is loaded into it. */
type AxeWindow = Window & { axe?: typeof axe };
/** What a scan covers, by selectors (as it crosses into the page). */
type Scope = { include: unknown[]; exclude: unknown[] };

/** Loads axe into `frame` unless it is there already, taking results to a page of any origin. */
async function loadAxe(frame: Frame): Promise<void> {
  if (!(await frame.evaluate(() => typeof (window as AxeWindow).axe?.runPartial === 'function'))) await frame.evaluate(axe.source);
  await frame.evaluate(() => (window as AxeWindow).axe!.configure({ allowedOrigins: ['<unsafe_all_origins>'] }));
}

/**
 * `frame`'s partial results and its frames' within `context`, depth first, as axe.finishRun takes
 * them: null for a frame below the page that could not be scanned (gone, or not loaded yet), as
 * AxeBuilder leaves it; the page's own refusal fails the scan.
 */
async function partialResults(frame: Frame, context: Scope, options: RunOptions, top = true): Promise<Promise<PartialResult | null>[]> {
  await loadAxe(frame);
  const frames = await frame.evaluate((within) => (window as AxeWindow).axe!.utils.getFrameContexts(within as ElementContext), context);
  const own = frame.evaluate(([within, run]) => (window as AxeWindow).axe!.runPartial(within as ElementContext, run), [context, options] as const);
  // Waited for once every frame has started: a refusal meanwhile is no unhandled rejection.
  own.catch(() => undefined);
  const all: Promise<PartialResult | null>[] = [top ? own : own.catch(() => null)];
  for (const { frameSelector, frameContext } of frames) {
    try {
      const element = (await frame.evaluateHandle((selector) => (window as AxeWindow).axe!.utils.shadowSelect(selector), frameSelector)).asElement();
      const child = await element?.contentFrame();
      if (!child) throw new Error('The frame has no document');
      all.push(...(await partialResults(child, frameContext as Scope, options, false)));
    } catch {
      all.push(Promise.resolve(null));
    }
  }
  return all;
}

/** Runs axe on the page as it is now and fails, listing every violation, if it finds any. */
export async function expectNoAxeViolations(page: Page, label: string, options: ScanOptions = {}): Promise<AxeResults> {
  const run = axeOptions(options.disableRules);
  const runOptions: RunOptions = options.everyNode ? run : { ...run, resultTypes: ['violations'] };
  // A page without frames is scanned by one axe.run in the page itself, with axe loaded into the
  // page once (AxeBuilder loads its half a megabyte twice a scan).
  const loaded = () => page.evaluate(() => typeof (window as AxeWindow).axe?.run === 'function');
  if (page.frames().length === 1 && !(await loaded())) await page.evaluate(axe.source);
  // Counted after loading: a frame opened meanwhile (the widget opens its frame on demand) gets
  // the framed scan, which reaches it. A frame of another origin (the widget's signed-in frame) is
  // scanned as AxeBuilder's default run scans it, axe.runPartial in each frame and axe.finishRun
  // over them, but with axe kept in a frame from one scan to the next and finished in the page:
  // AxeBuilder loaded axe into the page, the frame and a new blank page at every scan (a framed
  // scan took 0.9-2.1 s that way, 0.3-0.7 s so, the same rules passed, a frame's image without
  // alt text found by both).
  let results: AxeResults;
  if (page.frames().length > 1) {
    const context: Scope = { include: (options.include ?? []).map((selector) => [selector]), exclude: [] };
    const partials = await Promise.all(await partialResults(page.mainFrame(), context, runOptions));
    results = await page.evaluate(([all, finish]) => (window as AxeWindow).axe!.finishRun(all, finish), [partials, runOptions] as const);
  } else {
    let builder = new AxeBuilder({ page, axeSource: ';' }).setLegacyMode(true).options(runOptions);
    for (const selector of options.include ?? []) builder = builder.include(selector);
    results = await builder.analyze();
  }
  const found = describeViolations(results.violations);
  expect(found, `axe found ${found.length} accessibility violation(s) on ${label}:\n${found.join('\n')}`).toEqual([]);
  // Not vacuous: the scan looked at something, with the rules meant.
  expect(results.passes.length, `axe checked nothing on ${label}`).toBeGreaterThan(0);
  const ran = [...results.passes, ...results.incomplete, ...results.inapplicable];
  const unexpected = ran.filter((rule) => !landmarkRules.includes(rule.id) && !rule.tags.some((tag) => wcagTags.includes(tag)));
  expect(unexpected.map((rule) => rule.id), 'rules outside the WCAG tags and the landmark rules ran').toEqual([]);
  return results;
}
