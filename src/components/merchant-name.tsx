/**
 * A merchant's name (a store's, in the language the engine picked for the reader) as a part of a
 * sentence in the page's language, for interpolateParts: marked with the language it is written in,
 * so a screen reader says "Lumina Hair Co." as English in "Contactar con Lumina Hair Co.", and
 * isolated as every merchant text in a sentence is (isolate).
 */
import { isolate } from '../i18n/format.ts';

export function merchantName(key: string, name: string, lang: string) {
  return (
    <span key={key} lang={lang}>
      {isolate(name)}
    </span>
  );
}
