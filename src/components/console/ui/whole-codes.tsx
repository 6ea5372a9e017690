import type { ComponentChildren } from 'preact';

/**
 * A code ("GIFT-73A142", "WELCOME-10", a SKU such as "BD-DW-3PC") or an e-mail address in a text
 * kept on one line: a phone broke them at their hyphens ("WELCOME-|10", "staff@demo-|wigs.test").
 */
export function wholeCodes(text: string | undefined): ComponentChildren {
  if (!text) return text;
  return text.split(/([^\s@]+@[^\s@]+|\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b)/).map((part, index) => (index % 2 === 1 ? <span key={index} class="nowrap">{part}</span> : part));
}
