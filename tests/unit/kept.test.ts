import { describe, expect, it } from 'vitest';
import { editorKept, heldAttributes } from '../../src/components/console/ui/kept.ts';

describe('kept data (LoadState): what is held and how it says why', () => {
  it('an editor is held only once the read failed, not while a save’s list is read again', () => {
    expect(editorKept(null)).toBeNull();
    expect(editorKept({ why: 'updating', reason: 'r' })).toBeNull();
    expect(editorKept({ why: 'failed', reason: 'r' })).toEqual({ why: 'failed', reason: 'r' });
  });

  it('a held control is aria-disabled (keeping the focus) and described by the line saying why, after its own description', () => {
    expect(heldAttributes(null, 'own')).toEqual({});
    expect(heldAttributes({ why: 'updating', reason: 'why' })).toEqual({ 'aria-disabled': true, 'aria-describedby': 'why', 'data-held': '' });
    expect(heldAttributes({ why: 'failed', reason: 'why' }, 'own')).toEqual({ 'aria-disabled': true, 'aria-describedby': 'own why', 'data-held': '' });
  });
});
