/**
 * A file input in the page's language. The native control's button and status ("Choose File",
 * "No file chosen") are drawn by the browser in the browser's language, so a Chinese console on
 * an English browser showed them in English. The native input stays — it takes focus and the
 * keyboard, carries the field's label, error and hint, is read by forms through its name and by
 * tests through `setInputFiles` — but is visually hidden; beside it a button-like box, which a
 * click forwards to the input, says "Choose file", and a line says what is chosen. Screen readers
 * get the native input, its name and that line (`aria-describedby`), not the box.
 *
 * Props: `aria` from `Field`, the input's own attributes (`name`, `accept`, `multiple`,
 * `disabled`, `onChange`), and `status`: what the line says instead of the input's files, for a
 * form that takes the files into a list of its own and empties the input (so the next choice adds
 * to them), where the line said "No file chosen" beside the files listed.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useConsoleText } from '../console-text.ts';
import type { FieldAria } from './Field.tsx';

type InputProps = Pick<JSX.InputHTMLAttributes<HTMLInputElement>, 'name' | 'accept' | 'multiple' | 'disabled' | 'onChange'>;

export function FileInput({ aria, onChange, status, ...input }: InputProps & { aria: FieldAria; status?: string | undefined }) {
  const { t } = useConsoleText('staff');
  const ref = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const statusId = `${aria.id}-chosen`;
  const read = () => setChosen([...(ref.current?.files ?? [])].map((file) => file.name));

  // A form's reset empties the input without a change event.
  useEffect(() => {
    const form = ref.current?.form;
    const cleared = () => setChosen([]);
    form?.addEventListener('reset', cleared);
    return () => form?.removeEventListener('reset', cleared);
  }, []);

  return (
    <div class="file-input">
      <input
        {...input}
        {...aria}
        ref={ref}
        type="file"
        class="file-input-native visually-hidden"
        aria-describedby={[aria['aria-describedby'], statusId].filter(Boolean).join(' ')}
        onChange={(event) => {
          onChange?.(event);
          // After the handler, which may empty the input once it has taken the files.
          read();
        }}
      />
      <span class="file-input-button" aria-hidden="true" onClick={() => ref.current?.click()}>
        {t(input.multiple ? 'chooseFiles' : 'chooseFile')}
      </span>
      <span id={statusId} class="file-input-status">
        {status ?? (chosen.length === 0 ? t('noFileChosen') : chosen.length === 1 ? chosen[0] : t('filesChosen', { count: chosen.length }))}
      </span>
    </div>
  );
}
