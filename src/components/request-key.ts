/**
 * The key an action that adds to a total is sent with (`p_request_id`: a points adjustment, a
 * rebate credited or deducted, a coupon given, a reward redeemed, a campaign logged). When such a
 * request is applied but its answer is lost, the form says Cardclub could not be reached and the
 * person sends it again: sent with the same key, the database applies it once and answers as the
 * first time. So the key stays while the same values are sent again, and is another once they
 * change or once the action was applied (the same values sent after that are meant twice).
 */
import { useState } from 'preact/hooks';

export interface RequestKeys {
  /** The key to send `values` with: the last one while they are the same (compared as JSON). */
  for(values: unknown): string;
  /** The action was applied: the next one gets a new key, whatever its values. */
  done(): void;
}

export function requestKeys(newKey: () => string = () => crypto.randomUUID()): RequestKeys {
  let held: { values: string; key: string } | null = null;
  return {
    for(values) {
      const sent = JSON.stringify(values);
      if (held?.values !== sent) held = { values: sent, key: newKey() };
      return held.key;
    },
    done() {
      held = null;
    },
  };
}

/** A form's keys, kept across its renders. */
export function useRequestKeys(): RequestKeys {
  return useState(() => requestKeys())[0];
}
