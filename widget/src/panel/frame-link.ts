/**
 * The widget's side of the frame protocol (../frame-protocol.ts): every message from the frame
 * is checked field by field (no validation library in the widget).
 */
import { frameEvents, protocol, type FromFrame, type ProductTerms } from '../frame-protocol.ts';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length <= max;
const hasOnly = (value: Record<string, unknown>, keys: string[]) => Object.keys(value).every((key) => keys.includes(key));

/** A product's name is up to 200 characters, which JavaScript counts up to 400 (an emoji is two). */
function isTerms(value: unknown): value is ProductTerms {
  return isRecord(value) && hasOnly(value, ['name', 'price', 'prepayment', 'sample']) && isText(value.name, 400) && (value.price === null || isText(value.price)) && isText(value.prepayment) && isText(value.sample);
}

/** The message as the protocol defines it, or null for anything else (which is then ignored). */
export function readFrameMessage(data: unknown): FromFrame | null {
  if (!isRecord(data) || data.protocol !== protocol) return null;
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
      const valid =
        hasOnly(data, ['protocol', 'type', 'tier', 'tierLang', 'products']) &&
        (data.tier === null ? data.tierLang === null : isText(data.tier) && isText(data.tierLang, 35)) &&
        isRecord(products) &&
        Object.keys(products).length <= 50 &&
        Object.values(products).every(isTerms);
      return valid ? (data as FromFrame) : null;
    }
    default:
      return null;
  }
}
