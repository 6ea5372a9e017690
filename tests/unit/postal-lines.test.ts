/**
 * A ship-to address as its destination country writes it (src/i18n/postal.ts), as staff copy it
 * onto a label and the buyer reviews it: the town, region and postcode in the country's order,
 * an address written in Chinese characters, kana or Hangul from the largest unit down, the
 * country by name in the reader's language and the phone last.
 */
import { describe, expect, it } from 'vitest';
import { postalLines, postalPlace, type PostalAddress } from '../../src/i18n/postal.ts';

const to = (fields: PostalAddress): PostalAddress => ({ name: 'Ana Ruiz', company: 'Pelo Fino SL', ...fields });

describe('an address as its country writes it', () => {
  it('puts the postcode before the town in Germany and Spain, where it came after ("Berlin, 10117")', () => {
    expect(postalLines(to({ line1: 'Friedrichstraße 68', city: 'Berlin', postal_code: '10117', country: 'DE', phone: '+49 30 5550 102' }), 'en'))
      .toEqual(['Ana Ruiz', 'Pelo Fino SL', 'Friedrichstraße 68', '10117 Berlin', 'Germany', '+49 30 5550 102']);
    expect(postalLines(to({ line1: 'Calle Mayor 1', line2: '3º B', city: 'Madrid', postal_code: '28013', country: 'ES' }), 'es'))
      .toEqual(['Ana Ruiz', 'Pelo Fino SL', 'Calle Mayor 1', '3º B', '28013 Madrid', 'España']);
  });

  it('writes the town, state and ZIP code on one line in the United States, a state left blank leaving no comma behind', () => {
    const address = to({ line1: '350 5th Ave', city: 'New York', region: 'NY', postal_code: '10118', country: 'US' });
    expect(postalLines(address, 'en')).toEqual(['Ana Ruiz', 'Pelo Fino SL', '350 5th Ave', 'New York, NY 10118', 'United States']);
    expect(postalLines({ ...address, region: undefined }, 'en')).toContain('New York 10118');
    expect(postalLines({ ...address, postal_code: undefined }, 'en')).toContain('New York, NY');
  });

  it('gives a British postcode a line of its own after the town', () => {
    expect(postalLines({ name: 'Send Buyer', line1: '221B Baker Street', city: 'London', postal_code: 'NW1 6XE', country: 'GB' }, 'en'))
      .toEqual(['Send Buyer', '221B Baker Street', 'London', 'NW1 6XE', 'United Kingdom']);
  });

  it('follows the country’s own separators and leaves out what its post does not use', () => {
    const town = (city: string, region: string, postal: string, country: string) =>
      postalLines({ city, region, postal_code: postal, country }, 'en')[0];
    expect(town('São Paulo', 'SP', '01310-100', 'BR')).toBe('São Paulo-SP');
    expect(postalLines({ city: 'São Paulo', region: 'SP', postal_code: '01310-100', country: 'BR' }, 'en')[1]).toBe('01310-100');
    expect(town('Kadıköy', 'İstanbul', '34710', 'TR')).toBe('34710 Kadıköy/İstanbul');
    expect(town('Sydney', 'NSW', '2000', 'AU')).toBe('Sydney NSW 2000');
    expect(town('Toronto', 'ON', 'M5V 2T6', 'CA')).toBe('Toronto ON M5V 2T6');
    expect(town('Ciudad de México', 'CDMX', '06600', 'MX')).toBe('06600 Ciudad de México, CDMX');
    expect(town('Roma', 'RM', '00144', 'IT')).toBe('00144 Roma RM');
    expect(town('Singapore', '', '018956', 'SG')).toBe('Singapore 018956');
    // France writes no région, Hong Kong has no postcodes.
    expect(postalLines({ city: 'Paris', region: 'Île-de-France', postal_code: '75002', country: 'FR' }, 'en')).toEqual(['75002 Paris', 'France']);
    expect(postalLines({ city: 'Tsim Sha Tsui', region: 'Kowloon', postal_code: '000000', country: 'HK' }, 'en'))
      .toEqual(['Tsim Sha Tsui', 'Kowloon', 'Hong Kong SAR China']);
  });

  it('writes the most common order, the postcode before the town, for a country it has no pattern for', () => {
    expect(postalLines({ line1: 'Rua Augusta 10', city: 'Lisboa', postal_code: '1100-053', region: 'Lisboa', country: 'PT' }, 'en'))
      .toEqual(['Rua Augusta 10', '1100-053 Lisboa', 'Lisboa', 'Portugal']);
    expect(postalLines({ city: 'Buenos Aires', postal_code: 'C1002AAP', country: 'AR' }, 'es')).toEqual(['C1002AAP Buenos Aires', 'Argentina']);
  });

  it('writes a Chinese-script address from the province down to the recipient, and the same country in Latin letters name first', () => {
    const zh = { name: '王芳', company: '广州美发用品有限公司', line1: '天河路385号', city: '广州市', region: '广东省', postal_code: '510620', country: 'CN', phone: '+86 20 3188 0101' };
    expect(postalLines(zh, 'zh-CN')).toEqual(['510620', '广东省广州市', '天河路385号', '广州美发用品有限公司', '王芳', '中国', '+86 20 3188 0101']);
    expect(postalLines({ ...zh, name: 'Wang Fang', company: 'Guangzhou Hair Co.', line1: '385 Tianhe Rd', city: 'Guangzhou', region: 'Guangdong' }, 'en'))
      .toEqual(['Wang Fang', 'Guangzhou Hair Co.', '385 Tianhe Rd', 'Guangzhou', 'Guangdong, 510620', 'China', '+86 20 3188 0101']);
  });

  it('writes a Japanese address in kanji after its 〒 postcode, a Korean one in Hangul with the postcode last', () => {
    expect(postalLines({ name: '山田太郎', line1: '丸の内1-1', city: '千代田区', region: '東京都', postal_code: '100-0005', country: 'JP' }, 'en'))
      .toEqual(['〒100-0005', '東京都千代田区', '丸の内1-1', '山田太郎', 'Japan']);
    expect(postalLines({ name: 'Taro Yamada', line1: '1-1 Marunouchi', city: 'Chiyoda-ku', region: 'Tokyo', postal_code: '100-0005', country: 'JP' }, 'en'))
      .toEqual(['Taro Yamada', '1-1 Marunouchi', 'Chiyoda-ku, Tokyo', '100-0005', 'Japan']);
    expect(postalLines({ name: '김민수', line1: '세종대로 110', city: '중구', region: '서울특별시', postal_code: '04524', country: 'KR' }, 'es'))
      .toEqual(['서울특별시 중구', '세종대로 110', '김민수', '04524', 'Corea del Sur']);
  });

  it('keeps only the country of a buyer who left, by name in the reader’s language', () => {
    expect(postalLines({ country: 'DE' }, 'zh-CN')).toEqual(['德国']);
    expect(postalLines({ country: 'DE' }, 'es')).toEqual(['Alemania']);
  });

  it('names where it goes in a few words as the reader names a place: in Chinese the country first, an address in Chinese characters from the province', () => {
    const berlin = { line1: 'Friedrichstraße 68', city: 'Berlin', postal_code: '10117', country: 'DE' };
    expect(postalPlace(berlin, 'en')).toBe('Berlin, Germany');
    expect(postalPlace(berlin, 'es')).toBe('Berlin, Alemania');
    expect(postalPlace(berlin, 'zh-CN')).toBe('德国 Berlin');
    const guangzhou = { line1: '天河路385号', city: '广州市', region: '广东省', postal_code: '510620', country: 'CN' };
    expect(postalPlace(guangzhou, 'zh-CN')).toBe('中国广东省广州市');
    expect(postalPlace(guangzhou, 'en')).toBe('广东省广州市, China');
    expect(postalPlace({ line1: '세종대로 110', city: '중구', region: '서울특별시', country: 'KR' }, 'zh-CN')).toBe('韩国 서울특별시 중구');
    // The same country in Latin letters: its town alone, as the queue said it.
    expect(postalPlace({ ...guangzhou, line1: '385 Tianhe Rd', city: 'Guangzhou', region: 'Guangdong' }, 'zh-CN')).toBe('中国 Guangzhou');
    expect(postalPlace({ country: 'DE' }, 'zh-CN')).toBe('德国');
  });
});
