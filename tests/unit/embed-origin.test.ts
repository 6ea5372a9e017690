/** toOrigin: an allowed site as typed, as the origin the widget's frame compares (or null). */
import { describe, expect, it } from 'vitest';
import { toOrigin } from '../../src/lib/console/store-settings.ts';

describe('toOrigin', () => {
  it('writes a site as the browser reports its origin', () => {
    expect(toOrigin('http://LocalHost:4399/')).toBe('http://localhost:4399');
    expect(toOrigin(' https://Shop.Example.com// ')).toBe('https://shop.example.com');
    expect(toOrigin('https://shop.example.com:443')).toBe('https://shop.example.com');
    expect(toOrigin('http://shop.example.com:80')).toBe('http://shop.example.com');
    expect(toOrigin('https://shop.example.com:8443')).toBe('https://shop.example.com:8443');
    expect(toOrigin('https://bücher.example')).toBe('https://xn--bcher-kva.example');
  });

  it('takes a site typed without its scheme as https, a local one as http', () => {
    expect(toOrigin('shop.example.com')).toBe('https://shop.example.com');
    expect(toOrigin(' Shop.Example.com/ ')).toBe('https://shop.example.com');
    expect(toOrigin('shop.example.com:8443')).toBe('https://shop.example.com:8443');
    expect(toOrigin('localhost:4395')).toBe('http://localhost:4395');
    expect(toOrigin('LOCALHOST')).toBe('http://localhost');
    expect(toOrigin('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    // Only the local host itself: a domain that begins with its name is a site on the web.
    expect(toOrigin('localhost.example.com')).toBe('https://localhost.example.com');
  });

  it('refuses what no page of the site would report', () => {
    for (const typed of [
      'https://walk1.example.test:99999',
      'https://shop.example.com:0',
      'https://shop.example.com/products',
      'https://shop.example.com/?ref=1',
      'https://shop.example.com/#top',
      'https://user:pass@shop.example.com',
      'ftp://shop.example.com',
      'shop.example.com/products',
      'localhost:99999',
      'mailto:owner@shop.example.com',
      'https://shop_example.com',
      'javascript:alert(1)',
      // A space or a tab within (URL would read 'https://exa\tmple.com' as https://example.com).
      'shop example.com',
      'https://exa mple.com',
      'https://exa\tmple.com',
    ]) {
      expect(toOrigin(typed), typed).toBeNull();
    }
  });
});
