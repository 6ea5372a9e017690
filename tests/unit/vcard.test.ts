/**
 * The merchant's card as a vCard: hostile values (the RFC's special characters, newlines in
 * every spelling, a forged END:VCARD, long CJK and emoji text) come back unchanged from an
 * independent RFC 6350 reader, and every physical line stays within 75 octets.
 */
import { describe, expect, it } from 'vitest';
import { buildVCard, vcardFileName, type VCardInput } from '../../src/components/join/vcard.ts';

/** Unfolds (§3.2) and splits each content line into name, parameters and value. */
function readVCard(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const logical = physical.reduce<string[]>((lines, line) => {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
    return lines;
  }, []);
  return logical.map((line) => {
    // Parameters here never hold a colon except inside quotes; the value starts after the first other one.
    const colon = /^(?:[^:"]|"[^"]*")*:/.exec(line)![0].length;
    const [name, ...params] = line.slice(0, colon - 1).split(';');
    return { name: name!, params, value: line.slice(colon) };
  });
}

/** §3.4: splits a structured or list value on unescaped separators, then unescapes each part. */
function unescapeParts(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [''];
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\') {
      const next = value[++i]!;
      parts[parts.length - 1] += next === 'n' || next === 'N' ? '\n' : next;
    } else if (char === separator) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}
const text = (value: string) => {
  const parts = unescapeParts(value, ',');
  expect(parts, `unescaped comma in ${value}`).toHaveLength(1);
  return parts[0]!;
};

const hostile = 'Grace; Lin, "Boss" \\ back\\slash\r\nEND:VCARD\nBEGIN:VCARD\rFN:Mallory <script>alert(1)</script> 💇‍♀️';

describe('buildVCard', () => {
  const card: VCardInput = {
    name: hostile,
    organisation: 'Lumina Hair Co.; Ltd., 发制品有限公司',
    title: `海外市场销售经理 — ${'长'.repeat(60)}`,
    email: 'grace@lumina.example',
    phone: '+86 532 8888 1234',
    whatsapp: '+86 138 0000 1234',
    wechat: 'lumina_grace',
    website: 'https://lumina.example/wigs?a=1,b;2',
    address: 'No. 8 Hair Road,\nXuchang; Henan\r\nChina',
    logoUrl: 'https://cdn.example/merchant-logos/x/logo.png',
  };
  const lines = readVCard(buildVCard(card));
  const one = (name: string) => {
    const found = lines.filter((line) => line.name === name);
    expect(found, name).toHaveLength(1);
    return found[0]!;
  };

  it('is one vCard 4.0 whatever the values hold', () => {
    expect(lines[0]).toEqual({ name: 'BEGIN', params: [], value: 'VCARD' });
    expect(lines[1]).toEqual({ name: 'VERSION', params: [], value: '4.0' });
    expect(lines.at(-1)).toEqual({ name: 'END', params: [], value: 'VCARD' });
    expect(lines.filter((line) => line.name === 'BEGIN' || line.name === 'END')).toHaveLength(2);
  });

  it('round-trips text values, newlines becoming \\n', () => {
    expect(text(one('FN').value)).toBe(hostile.replace(/\r\n|\r/g, '\n'));
    expect(text(one('ORG').value)).toBe(card.organisation);
    expect(text(one('TITLE').value)).toBe(card.title);
    expect(text(one('X-WECHAT').value)).toBe('lumina_grace');
    const adr = unescapeParts(one('ADR').value, ';');
    expect(adr).toEqual(['', '', 'No. 8 Hair Road,\nXuchang; Henan\nChina', '', '', '', '']);
  });

  it('gives phones as tel: URIs, WhatsApp as a link, and the website and logo as URIs', () => {
    const tels = lines.filter((line) => line.name === 'TEL').map((line) => line.value);
    expect(tels).toEqual(['tel:+8653288881234', 'tel:+8613800001234']);
    expect(one('IMPP').value).toBe('https://wa.me/8613800001234');
    expect(one('URL').value).toBe(card.website);
    expect(one('LOGO').value).toBe(card.logoUrl);
    expect(readVCard(buildVCard(card, { withLogo: false })).some((line) => line.name === 'LOGO')).toBe(false);
  });

  it('leaves out what the merchant did not fill in', () => {
    const names = readVCard(buildVCard({ name: 'Lumina', email: ' ', phone: null })).map((line) => line.name);
    expect(names).toEqual(['BEGIN', 'VERSION', 'FN', 'END']);
  });
});

describe('the vCard file name', () => {
  it('is the store’s name, without what a file system refuses', () => {
    expect(vcardFileName('Lumina Hair Co.', 'demo-wigs')).toBe('Lumina Hair Co.vcf');
    expect(vcardFileName('丽美假发', 'li-mei')).toBe('丽美假发.vcf');
    expect(vcardFileName('A/B: "Wigs" <1>?\n', 'ab')).toBe('A B Wigs 1.vcf');
    expect(vcardFileName('..hidden', 'h')).toBe('hidden.vcf');
    expect(vcardFileName('???', 'demo-wigs')).toBe('demo-wigs.vcf');
  });
});
