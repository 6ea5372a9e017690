/**
 * A refusal said anew each time it is given, though its words repeat: its count keys the alert,
 * so a second refusal is a new element a screen reader announces (an alert that keeps its text
 * says nothing). The join forms' refusal above the button and the code step's new-code refusal
 * beside its button, in the widget and the portal alike.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface Counted<T> {
  said: T;
  /** Times said since last cleared: 1 for the first. */
  count: number;
}

/** `said` given after `before`; null clears it, and the next one counts from 1 again (its alert is new anyway). */
export function countedAfter<T>(before: Counted<T> | null, said: T | null): Counted<T> | null {
  return said === null ? null : { said, count: (before?.count ?? 0) + 1 };
}

/** The refusal last given, counted, and the function that gives one (null clears it). */
export function useCounted<T>() {
  const [counted, setCounted] = useState<Counted<T> | null>(null);
  return [counted, (said: T | null) => setCounted((before) => countedAfter(before, said))] as const;
}

export function CountedAlert({ count, class: className, children }: { count: number; class: string; children: ComponentChildren }) {
  return (
    <p key={count} role="alert" class={className}>
      {children}
    </p>
  );
}
