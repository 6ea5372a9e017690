/** An action card's success, above its button (role="status": read out as it appears). */
export function PanelNotice({ text }: { text: string | null }) {
  return text ? <p role="status" class="success">{text}</p> : null;
}
