/**
 * An order's exchange rate as staff type it by hand (the orders screen's Record an order): an
 * example for the pair, what the amount comes to in the store's currency, and whether the rate
 * looks typed the wrong way round or with its decimal point slipped. Quoted rates run both ways (a
 * Chinese merchant reads "7.1", yuan to the dollar), and a CNY order recorded at 7.1 instead of
 * 0.14 counted fifty times its worth toward tiers, points and rebate; at 1.4, ten times.
 */

/**
 * Roughly what one unit of a currency is worth in US dollars (2026): the order of magnitude only,
 * to give an example and to catch a rate ten or fifty times off, never to convert. Any two of these
 * make a pair through the dollar (yuan in euros); a pair with one not here gets no example and no
 * question. Currencies a cross-border store is paid in.
 */
const usdPerUnit: Readonly<Record<string, number>> = {
  USD: 1, EUR: 1.1, GBP: 1.3, CHF: 1.2, CAD: 0.73, AUD: 0.65, NZD: 0.6, CNY: 0.14, HKD: 0.13, TWD: 0.031,
  JPY: 0.0067, KRW: 0.00072, SGD: 0.76, MYR: 0.22, THB: 0.029, IDR: 0.00006, PHP: 0.017, VND: 0.00004,
  INR: 0.012, AED: 0.27, SAR: 0.27, ILS: 0.27, TRY: 0.025, ZAR: 0.055, NGN: 0.00065, EGP: 0.02,
  MXN: 0.055, BRL: 0.18, COP: 0.00025, CLP: 0.001, PEN: 0.27, SEK: 0.1, NOK: 0.095, DKK: 0.15,
  PLN: 0.26, CZK: 0.044, HUF: 0.0028, RUB: 0.012,
};

/** How far from the usual rate a typed one may be (either way) before it is questioned. */
const plausible = 5;

/** How many places a slipped decimal point is looked for moved (1.4 or 0.014 for 0.14: one; 1000 times off at most). */
const slips = [1, 2, 3];

/** The usual rate from `currency` to `base` to two significant figures ("0.14", "7.1", "150"), or null for a pair not known. */
export function typicalRate(currency: string, base: string): number | null {
  const from = usdPerUnit[currency];
  const to = usdPerUnit[base];
  return from && to ? Number((from / to).toPrecision(2)) : null;
}

/**
 * The rate `rate` was likely meant as when it is far from the pair's usual rate: its inverse (7.1
 * for CNY to USD: 0.1408), the digits typed with the decimal point moved (0.014: 0.14) or the
 * inverse's so (71, 7.1 slipped: 0.1408), whichever near the usual rate is nearest to it; null when
 * the rate is plausible, none of these is near, or the pair is not known. The inverse to four
 * significant figures, as a rate is quoted.
 */
export function meantRate(currency: string, base: string, rate: number): number | null {
  const usual = typicalRate(currency, base);
  if (!usual || !(rate > 0)) return null;
  const near = (value: number) => value / usual < plausible && usual / value < plausible;
  if (near(rate)) return null;
  const inverse = Number((1 / rate).toPrecision(4));
  const slipped = slips.flatMap((places) => [rate, inverse].flatMap((value) => [moved(value, places), moved(value, -places)]));
  // Nearest, as the tolerance lets two candidates in: 71 for 0.14 is 7.1 slipped (0.1408) rather than 0.071.
  const off = (value: number) => Math.abs(Math.log(value / usual));
  return [inverse, ...slipped].filter(near).reduce<number | null>((best, value) => (best === null || off(value) < off(best) ? value : best), null);
}

/** `value` with its decimal point moved `places` to the right (left when negative), its digits kept: 0.0014 to 0.14, not 0.13999999999999999. */
function moved(value: number, places: number): number {
  const [digits, exponent = '0'] = String(value).split('e');
  return Number(`${digits}e${Number(exponent) + places}`);
}

/** `amount` at `rate` in the store's currency, rounded to cents as the orders table's amount_base is. */
export function converted(amount: number, rate: number): number {
  return Math.round(amount * rate * 100) / 100;
}
