/**
 * An e-mail address inside a sentence, for interpolateParts: it breaks only before its "@", each
 * side moving to the next line whole (a break at a hyphen read as two addresses, "walk-es-" and
 * "…@buyer.test"); a side wider than the line by itself still wraps, the last resort. Isolated
 * from the sentence around it (<bdi>), as isolate() does for text. Chromium puts a space in a name
 * read from it, at the <wbr> and beside each inline-block ("name @host"): a link of it alone takes
 * the address as its aria-label (ContactWays).
 */
export function emailAddress(key: string, address: string) {
  const at = address.lastIndexOf('@');
  return (
    <bdi key={key} class="email-address">
      {at > 0 ? (
        <>
          <span>{address.slice(0, at)}</span>
          <wbr />
          <span>{address.slice(at)}</span>
        </>
      ) : (
        <span>{address}</span>
      )}
    </bdi>
  );
}
