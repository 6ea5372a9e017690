import type { Ref } from 'preact';

/**
 * What a form's action did ("Saved “VIP buyers”."), beside its button. The status region is
 * always there, empty until then, so that screen readers announce the text when it appears; the
 * screens clear it on the next edit, so it never describes a form that has changed since.
 * `line`: for a screen that takes the keyboard to it once what the form was sent from is gone.
 */
export function Notice({ text, line = null }: { text: string | null; line?: Ref<HTMLParagraphElement> | undefined }) {
  return <p ref={line} role="status" class="success form-notice">{text}</p>;
}
