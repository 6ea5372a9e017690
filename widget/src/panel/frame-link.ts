/**
 * The widget's side of the frame protocol (../frame-protocol.ts): every message from the frame
 * is checked field by field (no validation library in the widget).
 */
import { locales } from '../../../src/i18n/locales.ts';
import type { WidgetOptions } from '../core/options.ts';
import { frameEvents, loaderReads, protocol, protocol2, protocol3, type FromFrame, type ProductTerms } from '../frame-protocol.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length <= max;
const hasOnly = (value: Record<string, unknown>, keys: string[]) => Object.keys(value).every((key) => keys.includes(key));

/**
 * A product's name is up to 200 characters, which JavaScript counts up to 400 (an emoji is two);
 * `sampleLeft` is version 3's, and only its.
 */
function isTerms(value: unknown, v3: boolean): value is ProductTerms {
  return (
    isRecord(value) &&
    hasOnly(value, ['name', 'price', 'prepayment', 'sample', ...(v3 ? ['sampleLeft'] : [])]) &&
    isText(value.name, 400) &&
    (value.price === null || isText(value.price)) &&
    isText(value.prepayment) &&
    isText(value.sample) &&
    (!v3 || typeof value.sampleLeft === 'boolean')
  );
}

/** The frame's address, saying the newest protocol version this loader reads. */
export function frameAddress(options: Pick<WidgetOptions, 'portalOrigin' | 'store' | 'locale'>): string {
  return `${options.portalOrigin}/embed/?s=${encodeURIComponent(options.store)}&lang=${options.locale}&protocol=${loaderReads}`;
}

/**
 * The message as a protocol version this loader reads defines it, or null for anything else
 * (which is then ignored). Versions 2 and 3 gave a shape to the member message only.
 */
export function readFrameMessage(data: unknown): FromFrame | null {
  if (!isRecord(data) || !(data.protocol === protocol || ((data.protocol === protocol2 || data.protocol === protocol3) && data.type === 'member'))) return null;
  switch (data.type) {
    case 'ready':
      return hasOnly(data, ['protocol', 'type', 'allowed']) && typeof data.allowed === 'boolean' ? (data as FromFrame) : null;
    case 'resize':
      return hasOnly(data, ['protocol', 'type', 'height']) && Number.isFinite(data.height) && (data.height as number) >= 0 ? (data as FromFrame) : null;
    case 'close':
      return hasOnly(data, ['protocol', 'type']) ? (data as FromFrame) : null;
    case 'event':
      return hasOnly(data, ['protocol', 'type', 'name']) && (frameEvents as readonly unknown[]).includes(data.name) ? (data as FromFrame) : null;
    case 'member': {
      const products = data.products;
      // Version 1's (an older frame's) names the tier without its language: shown unmarked.
      const v1 = data.protocol === protocol;
      const v3 = data.protocol === protocol3;
      const valid =
        hasOnly(data, ['protocol', 'type', 'tier', 'products', ...(v1 ? [] : ['tierLang'])]) &&
        (data.tier === null || isText(data.tier)) &&
        (v1 || (data.tier === null ? data.tierLang === null : data.tierLang === null || (locales as readonly unknown[]).includes(data.tierLang))) &&
        isRecord(products) &&
        Object.keys(products).length <= 50 &&
        Object.values(products).every((terms) => isTerms(terms, v3));
      return valid ? (data as FromFrame) : null;
    }
    default:
      return null;
  }
}
