/**
 * A text the buyer pastes elsewhere (a coupon's code into an order, a tracking number into the
 * carrier's page) to the clipboard, and said: its own status line beside the button, as a list
 * holds several. Where the browser refuses, the text is selected for the reader to copy: the
 * element holding it, `holder` within the button's nearest `within`.
 */
import { useRef } from 'preact/hooks';
import { useCopy } from '../use-copy.ts';

export function CopyText({ text, label, copied: copiedText, failed, within, holder }: {
  text: string;
  /** The button's words; its accessible name adds the text, one button among several in a list. */
  label: string;
  copied: string;
  failed: string;
  within: string;
  holder: string;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const { copied, tries, copy } = useCopy(text, () => {
    const element = button.current?.closest(within)?.querySelector(holder);
    if (element) window.getSelection()?.selectAllChildren(element);
  });
  return (
    <>
      {' '}
      <button ref={button} type="button" class="secondary" onClick={copy}>
        {label}
        <span class="visually-hidden"> {text}</span>
      </button>{' '}
      <span role="status" class={copied === false ? 'error' : 'success'}>
        {/* Keyed by the try: a second copy says the same words, and is announced again. */}
        {copied !== null && <span key={tries}>{copied ? copiedText : failed}</span>}
      </span>
    </>
  );
}
