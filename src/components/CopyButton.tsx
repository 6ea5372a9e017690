/**
 * A text to the clipboard (a coupon's code, a tracking number, an address, an invitation link, the
 * embed code), said in its own status line beside the button: a list or table holds several.
 * Where the browser refuses (an insecure origin, a frame not allowed to), the text is selected for
 * the reader to copy: the element showing it (or the field holding it), `holder` within the button's nearest `within`; a
 * text not on the screen (an invitation's link in its row) is shown after the refusal, selected.
 */
import { useEffect, useRef } from 'preact/hooks';
import { useCopy } from './use-copy.ts';

const select = (element: Element | null | undefined) => {
  // A field's text is its value, which only the field itself selects (an invitation's link).
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.select();
  else if (element) window.getSelection()?.selectAllChildren(element);
};

export function CopyButton({ text, label, detail, copied: copiedText, failed, shown, class: buttonClass }: {
  text: string;
  label: string;
  /** Added to the button's name for a screen reader: which of several it copies (the code itself, whose address). */
  detail?: string | undefined;
  /** The status line's words, from the caller's catalogue: copied, and refused (saying the text is selected). */
  copied: string;
  failed: string;
  /** Where the text is on the screen; without it, the refusal shows it. */
  shown?: { within: string; holder: string } | undefined;
  class?: string | undefined;
}) {
  const button = useRef<HTMLButtonElement>(null);
  const spare = useRef<HTMLElement>(null);
  const { copied, tries, copy } = useCopy(text, shown && (() => select(button.current?.closest(shown.within)?.querySelector(shown.holder))));
  // The text shown with the refusal exists only once drawn: selected then, at every refused try.
  useEffect(() => {
    if (!shown && copied === false) select(spare.current);
  }, [copied, tries]);
  return (
    <>
      {' '}
      <span class="copy">
        <button ref={button} type="button" class={buttonClass} onClick={copy}>
          {label}
          {detail && <span class="visually-hidden"> {detail}</span>}
        </button>{' '}
        <span role="status" class={copied === false ? 'error' : 'success'}>
          {/* Keyed by the try: a second copy says the same words, and is announced again. */}
          {copied !== null && (
            <span key={tries}>
              {copied ? copiedText : failed}
              {!copied && !shown && <> <code ref={spare} class="refused-text">{text}</code></>}
            </span>
          )}
        </span>
      </span>
    </>
  );
}
