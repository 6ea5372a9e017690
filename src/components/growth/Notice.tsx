/**
 * What a form's action did ("Saved “VIP buyers”."), beside its button. The status region is
 * always there, empty until then, so that screen readers announce the text when it appears; the
 * screens clear it on the next edit, so it never describes a form that has changed since.
 */
export function Notice({ text }: { text: string | null }) {
  return <p role="status" class="success form-notice">{text}</p>;
}
