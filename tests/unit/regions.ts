/** Every region CLDR names (not an old code it replaces, "DD" for "DE"), and the Spanish of Latin America. */
const names = new Intl.DisplayNames(['en'], { type: 'region' });
export const everyRegion = ['419', ...Array.from({ length: 26 * 26 }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)))].filter(
  (code) => names.of(code) !== code && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`,
);

/** A browser language naming `region` that reads as the page's `locale` ("zh-SG" for zh-CN). */
export const browserLanguage = (locale: string, region: string) => `${locale === 'zh-CN' ? 'zh' : locale}-${region}`;
