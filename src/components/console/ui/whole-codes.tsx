import { Fragment, type ComponentChildren } from 'preact';

/**
 * A code ("GIFT-73A142", "WELCOME-10", a SKU such as "BD-DW-3PC"), a long number (an order's
 * "12345678901234567890", a tracking number: eight or more digits and capitals, a digit among them)
 * or an e-mail address in a text kept on one line: a phone broke them at their hyphens
 * ("WELCOME-|10", "staff@demo-|wigs.test"), and a note's order number inside its digits. An address
 * is its own characters only: taken up to the spaces around it, a Chinese sentence, which has
 * none, was kept whole and ran past a phone's edge, and a sentence's full stop went with it.
 */
export function wholeCodes(text: string | undefined): ComponentChildren {
  if (!text) return text;
  return text.split(/([\w.%+'-]+@[\w-]+(?:\.[\w-]+)+|\b[A-Z0-9]+(?:-[A-Z0-9]+)+\b|\b(?=[A-Z]*\d)[A-Z0-9]{8,}\b)/).map((part, index) => (index % 2 === 1 ? <span key={index} class="nowrap">{part}</span> : part));
}

/**
 * A tracking number in the console's text (a sample's status, a reward's delivery): one box, on
 * one line unless it alone is wider than the line (it may have 100 characters), as a date is kept
 * whole: a phone broke "1Z999AA1012 / 3456784" across lines, a number read out or typed in whole.
 */
export function TrackingNumber({ number }: { number: string }) {
  return <span class="tracking-number">{number}</span>;
}

/** How the console draws a reward's delivery (rewardDelivery): its day on one line, its tracking number whole, its note's codes and numbers whole. */
export const deliveryParts = {
  date: (date: string) => <span key="date" class="nowrap">{date}</span>,
  number: (number: string) => <TrackingNumber key="tracking" number={number} />,
  note: (note: string) => <Fragment key="note">{wholeCodes(note)}</Fragment>,
};
