/**
 * Names as typed to confirm a deletion, and whether each matches the name asked for: fed to the
 * console's sameName (unit) and to the server's private.typed_name (db), which must agree, or a
 * name passes in the browser and is refused by the server.
 */
export const typedNamePairs: { typed: string; name: string; same: boolean }[] = [
  { typed: 'Demo Wigs', name: 'Demo Wigs', same: true },
  { typed: '  Demo Wigs\t\r\n', name: 'Demo Wigs', same: true },
  // Copied from a page: no-break spaces (U+00A0, U+2007, U+202F) and a byte order mark around it.
  { typed: 'Demo Wigs\u00a0', name: 'Demo Wigs', same: true },
  { typed: '\u2007Demo Wigs\u202f', name: 'Demo Wigs', same: true },
  { typed: '\ufeffDemo Wigs\u3000', name: 'Demo Wigs', same: true },
  { typed: '\u2066Demo Wigs\u2069', name: 'Demo Wigs', same: true },
  { typed: 'Cafe\u0301 Lumina', name: 'Caf\u00e9 Lumina', same: true },
  // Inside the name, every character counts; outside the listed set, nothing is stripped.
  { typed: 'Demo\u00a0Wigs', name: 'Demo Wigs', same: false },
  { typed: 'Demo Wigs\u200b', name: 'Demo Wigs', same: false },
  { typed: 'Demo Wigs\u0085', name: 'Demo Wigs', same: false },
  { typed: 'demo wigs', name: 'Demo Wigs', same: false },
];
