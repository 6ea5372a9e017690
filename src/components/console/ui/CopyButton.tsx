/**
 * Copies a text to the clipboard and says so (a polite status next to the button). Props:
 * `text`, `label` (the button), `detail?` (added for screen readers, e.g. whose link it is).
 * Where the clipboard is unavailable (an insecure origin), it says to select and copy instead.
 */
import { useCopy } from '../../use-copy.ts';
import { useConsoleText } from '../console-text.ts';

export function CopyButton({ text, label, detail }: { text: string; label: string; detail?: string | undefined }) {
  const { t } = useConsoleText('staff');
  const { copied, tries, copy } = useCopy(text);
  return (
    <span class="copy">
      <button type="button" onClick={copy}>
        {label}
        {detail && <span class="visually-hidden"> {detail}</span>}
      </button>
      <span role="status" class={copied === false ? 'error' : 'success'}>
        {/* Keyed by the try: a second copy says the same words, and is announced again. */}
        {copied !== null && <span key={tries}>{t(copied ? 'copied' : 'copyFailed')}</span>}
      </span>
    </span>
  );
}
