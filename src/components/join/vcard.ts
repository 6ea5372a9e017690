/**
 * The merchant's card as a vCard 4.0 (RFC 6350), for "Save contact" and the QR code: text values
 * escaped by §3.4 (backslash, comma, semicolon, newlines), lines folded at 75 octets without
 * splitting a UTF-8 character (§3.2), CRLF line ends. Values come from the merchant and are never
 * trusted to be well-formed: a newline or `END:VCARD` inside one stays inside its value.
 */

export interface VCardInput {
  /** The person (the sales contact), or the company when no person is named. */
  name: string;
  organisation?: string | null;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  whatsapp?: string | null;
  wechat?: string | null;
  website?: string | null;
  address?: string | null;
  /** Absolute URL of the logo; left out of the QR code's card to keep it scannable. */
  logoUrl?: string | null;
}

/** §3.4: in a text value `\` `,` `;` and newlines are escaped; CR, LF and CRLF are all one newline. */
export function escapeText(value: string): string {
  return value.replace(/[\\,;]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, '\\n');
}

/** A URI value is not text: only the characters that would break the line are percent-encoded. */
function uri(value: string): string {
  return value.replace(/[\r\n]/g, (c) => encodeURIComponent(c));
}

const encoder = new TextEncoder();

/** §3.2: lines longer than 75 octets are folded with CRLF and one space, at character boundaries. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The continuation lines start with a space, which counts towards their 75.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function buildVCard(card: VCardInput, options: { withLogo?: boolean } = {}): string {
  const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.trim() !== '';
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(card.name)}`];
  if (present(card.organisation)) lines.push(`ORG:${escapeText(card.organisation)}`);
  if (present(card.title)) lines.push(`TITLE:${escapeText(card.title)}`);
  if (present(card.email)) lines.push(`EMAIL;TYPE=work:${escapeText(card.email)}`);
  if (present(card.phone)) lines.push(`TEL;VALUE=uri;TYPE="work,voice":tel:${uri(card.phone.replace(/[^\d+]/g, ''))}`);
  if (present(card.whatsapp)) lines.push(`TEL;VALUE=uri;TYPE="cell,text";PREF=2:tel:${uri(card.whatsapp.replace(/[^\d+]/g, ''))}`);
  if (present(card.whatsapp)) lines.push(`IMPP;PREF=1:${uri(`https://wa.me/${card.whatsapp.replace(/\D/g, '')}`)}`);
  // No registered property or URI scheme for WeChat: an extended property (§6.10) carries the ID.
  if (present(card.wechat)) lines.push(`X-WECHAT:${escapeText(card.wechat)}`);
  if (present(card.website)) lines.push(`URL:${uri(card.website)}`);
  // The address is one free text, so it all goes into ADR's street component.
  if (present(card.address)) lines.push(`ADR;TYPE=work:;;${escapeText(card.address)};;;;`);
  if (present(card.logoUrl) && options.withLogo !== false) lines.push(`LOGO:${uri(card.logoUrl)}`);
  lines.push('END:VCARD');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/**
 * "Lumina Hair Co.vcf": the contact's file named after the store, as the buyer will look for it,
 * without the characters a file system refuses, a leading dot (a hidden file) or a trailing one (Windows drops it);
 * the slug when nothing of the name is left.
 */
export function vcardFileName(storeName: string, slug: string): string {
  const cleaned = storeName.replace(/[\\/:*?"<>|\u0000-\u001f\u007f\s]+/g, ' ').replace(/^[. ]+|[. ]+$/g, '');
  const name = [...cleaned].slice(0, 100).join('').trim();
  return `${name || slug}.vcf`;
}
