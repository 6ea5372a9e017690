/**
 * A console editor's record as last read, saved over (lib/console/changed-since.ts): a save refused
 * because someone else changed it since offers Reload, which reads it again and fills the form
 * field by field, the next save made over the record as read now; RereadNote then says which fields
 * someone else changed. The flow is every editor's; what differs is given (Rereading).
 */
import { useState } from 'preact/hooks';
import { changedSinceRead, goneSinceRead, type FieldChanges } from '../../../lib/console/changed-since.ts';
import type { Result } from '../../../lib/console/result.ts';
import { apiMessage, type ApiError } from './form-errors.ts';

/** What an editor gives useReread. */
export interface Rereading<Row, Field extends string, Mine> {
  /** The record as the editor last read it, which its save is made over; null for a new one. */
  read: Row | null;
  /** Reads the record again: null once someone else deleted it. */
  load: (read: Row) => PromiseLike<Result<Row | null>>;
  /**
   * Fills the form from the record as read now (its changes where nothing was typed, what was
   * typed kept) and keeps `now` as what the next save is made over; answers which fields someone
   * else changed. `mine`, as readAgain was given it: what was saved, for an editor whose form does
   * not hold it (a product's inputs go on being typed into).
   */
  merge: (read: Row, now: Row, mine: Mine) => FieldChanges<Field>;
  /**
   * Someone else deleted the record since it was read (a write refused so, or the read again finds
   * nothing): the editor says so. None for a record whose read fails when it is gone (a product's).
   */
  gone?: () => void;
  /** Says a sentence as the form's error: a read that failed, a save refused over someone else's change. */
  say: (message: string) => void;
  /** The editor's own: its buttons wait while the record is read. */
  setBusy: (busy: boolean) => void;
}

export function useReread<Row, Field extends string, Mine = void>({ read, load, merge, gone, say, setBusy }: Rereading<Row, Field, Mine>) {
  const [stale, setStale] = useState(false);
  const [changes, setChanges] = useState<FieldChanges<Field> | null>(null);
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
     * their removal (gone). Any other refusal leaves Reload as it was.
     */
    refused(error: ApiError, changed: string): boolean {
      if (error.code === changedSinceRead) {
        setStale(true);
        say(changed);
        return true;
      }
      if (error.code !== goneSinceRead) return false;
      setStale(false);
      gone?.();
      return true;
    },
    /** Reload: the record read again and merged, or gone; a read that failed is said, Reload still offered. */
    async readAgain(mine: Mine) {
      if (!read) return;
      setBusy(true);
      const answer = await load(read);
      setBusy(false);
      if (!answer.ok) return say(apiMessage(answer.error));
      setStale(false);
      if (!answer.data) return gone?.();
      setChanges(merge(read, answer.data, mine));
    },
  };
}
