/**
 * A console editor's record as last read, saved over (lib/console/changed-since.ts): a save refused
 * because someone else changed it since offers Reload, which reads it again and fills the form
 * field by field, the next save made over the record as read now; RereadNote then says which fields
 * someone else changed. The flow is every editor's; what differs is given (Rereading).
 */
import { useState } from 'preact/hooks';
import { changedSinceRead, goneSinceRead, type FieldChanges } from '../../../lib/read-again.ts';
import type { Result } from '../../../lib/console/result.ts';
import { apiMessage, type ApiError } from './form-errors.ts';

/** What every editor gives useReread. */
interface Editor<Row, Field extends string, Mine> {
  /**
   * Fills the form from the record as read now (its changes where nothing was typed, what was
   * typed kept) and keeps `now` as what the next save is made over; answers which fields someone
   * else changed. `mine`, as readAgain was given it: what was saved, for an editor whose form does
   * not hold it (a product's inputs go on being typed into) or cannot give it once read (the
   * settings' fieldset, disabled while they are read, gives FormData nothing).
   */
  merge: (read: Row, now: Row, mine: Mine) => FieldChanges<Field>;
  /** Says a sentence as the form's error: a read that failed, a save refused over someone else's change. */
  say: (message: string) => void;
  /** The editor's own: its buttons wait while the record is read. */
  setBusy: (busy: boolean) => void;
}

/** An editor of a record read again as the one read (a coupon, a post, a product…, the store's settings). */
interface RecordEditor<Row, Field extends string, Mine> extends Editor<Row, Field, Mine> {
  one?: never;
  /** The record as the editor last read it, which its save is made over; null for a new one. */
  read: Row | null;
  /** Reads the record again: null once someone else deleted it. */
  load: (read: Row) => PromiseLike<Result<Row | null>>;
  /**
   * Someone else deleted the record since it was read (a write refused so, or the read again finds
   * nothing): the editor says so. None for a record whose read fails when it is gone (a product's).
   */
  gone?: () => void;
}

/**
 * An editor of the store's one record of its kind, which `Row` holds as none until someone adds it
 * (the merchant's card, null; its logo): read again by the store, from none too, and as none once
 * removed. Someone else adding or removing it is a change like any other: Reload is offered.
 */
interface OneEditor<Row, Field extends string, Mine> extends Editor<Row, Field, Mine> {
  one: true;
  /** The record as the editor last read it (none included), which its save is made over. */
  // Not inferred from: a record editor's read (null for a new one) made Row nullable through this member.
  read: NoInfer<Row>;
  load: () => PromiseLike<Result<Row>>;
}

/** What an editor gives useReread. */
export type Rereading<Row, Field extends string, Mine> = RecordEditor<Row, Field, Mine> | OneEditor<Row, Field, Mine>;

export function useReread<Row, Field extends string, Mine = void>(editor: Rereading<Row, Field, Mine>) {
  const { merge, say, setBusy } = editor;
  const [stale, setStale] = useState(false);
  const [changes, setChanges] = useState<FieldChanges<Field> | null>(null);
  /** Reload's read, the buttons waiting: what it found, or null once it failed (said, Reload still offered). */
  async function readNow<Now>(reading: PromiseLike<Result<Now>>): Promise<{ now: Now } | null> {
    setBusy(true);
    const answer = await reading;
    setBusy(false);
    if (!answer.ok) {
      say(apiMessage(answer.error));
      return null;
    }
    setStale(false);
    return { now: answer.data };
  }
  return {
    /** Whether Reload is offered: the last save was refused over someone else's change. */
    stale,
    /** Which fields someone else changed, once the record is read again (RereadNote); null before. */
    changes,
    /** A save begins: what the last one said goes. */
    saving() {
      setStale(false);
      setChanges(null);
    },
    /**
     * Whether a write was refused over someone else's change (`changed` said, Reload offered) or
     * their removal (gone; for one record, a change). Any other refusal leaves Reload as it was.
     */
    refused(error: ApiError, changed: string): boolean {
      if (error.code === changedSinceRead || (error.code === goneSinceRead && editor.one)) {
        setStale(true);
        say(changed);
        return true;
      }
      if (error.code !== goneSinceRead) return false;
      setStale(false);
      if (!editor.one) editor.gone?.();
      return true;
    },
    /** Reload: the record read again and merged, or gone. */
    async readAgain(mine: Mine) {
      if (editor.one) {
        const found = await readNow(editor.load());
        if (found) setChanges(merge(editor.read, found.now, mine));
        return;
      }
      const { read, load, gone } = editor;
      if (!read) return;
      const found = await readNow(load(read));
      if (!found) return;
      if (!found.now) return gone?.();
      setChanges(merge(read, found.now, mine));
    },
  };
}
