/**
 * A website as people type it, for a card's website field (the buyer's card, the merchant's):
 * "lumina-hair.com" or "www.lumina-hair.com", as a site is said and printed, is taken as
 * https://…; the stored value is the database's web address (private.is_web_url).
 */

/** `typed` with https:// in front when it has no scheme; a scheme given is kept, for isWebUrl to judge. */
export const withScheme = (typed: string) => (/^[a-z][a-z\d+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);

/**
 * private.is_web_url, character for character: an http(s) address with a dotted host name, at most
 * 300 characters. Anything else (javascript:, mailto:, a name with spaces, localhost) is refused, as
 * pages show the address as a link.
 */
export const isWebUrl = (url: string) =>
  url.length <= 300 && /^https?:\/\/([a-z0-9\u00a1-\uffff-]+\.)+[a-z\u00a1-\uffff-]{2,63}(:[0-9]{1,5})?([/?#][^\s<>"\\]*)?$/i.test(url);
