/**
 * Copies a text to the clipboard and says so (a polite status next to the button). Props:
 * `text`, `label` (the button), `detail?` (added for screen readers, e.g. whose link it is).
 * Where the clipboard is unavailable (an insecure origin), it says to select and copy instead.
 */
import { useState } from 'preact/hooks';
import { useConsoleText } from '../console-text.ts';

export function CopyButton({ text, label, detail }: { text: string; label: string; detail?: string | undefined }) {
  const { t } = useConsoleText('staff');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <span class="copy">
      <button type="button" onClick={() => void copy()}>
        {label}
        {detail && <span class="visually-hidden"> {detail}</span>}
      </button>
      <span role="status" class={state === 'failed' ? 'error' : 'success'}>
        {state === 'copied' ? t('copied') : state === 'failed' ? t('copyFailed') : ''}
      </span>
    </span>
  );
}
