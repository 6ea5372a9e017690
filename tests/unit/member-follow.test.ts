/**
 * src/stores/member.ts's `follow`: an answer that finds a count changed reads anew the requests
 * holding it (the summary's samples used grew: the list of claims), once, and not those a write
 * already read beside it.
 */
import { describe, expect, it, vi } from 'vitest';
import { follow, refresh, resource, revalidate } from '../../src/stores/member.ts';

const settled = () => new Promise((resolve) => setTimeout(resolve));

/** A summary whose count the test sets, and a list counting its reads; both watched. */
function pair(name: string) {
  let used = 1;
  const reads = { summary: 0, list: 0, unwatched: 0 };
  const summary = resource(`${name}-summary:`, async () => (reads.summary++, { used }));
  const list = resource(`${name}-list:`, async () => ++reads.list);
  resource(`${name}-list:other`, async () => ++reads.unwatched);
  summary.listen(() => {});
  list.listen(() => {});
  follow<{ used: number }>(`${name}-summary:`, (before, after) => (before.used === after.used ? [] : [`${name}-list:`]));
  return { reads, use: (count: number) => (used = count) };
}

describe('an answer that makes others stale', () => {
  it('reads the list anew when the summary read anew finds its count changed, and not otherwise', async () => {
    const { reads, use } = pair('a');
    await settled();
    // The first answers: nothing to compare with.
    expect(reads).toEqual({ summary: 1, list: 1, unwatched: 0 });
    await revalidate(-1, 'a-summary:');
    await settled();
    expect(reads).toEqual({ summary: 2, list: 1, unwatched: 0 });
    // A colleague's request: the reopening's read of the summary finds it.
    use(2);
    await revalidate(-1, 'a-summary:');
    await settled();
    // Read once, and the list nobody watches not at all.
    expect(reads).toEqual({ summary: 3, list: 2, unwatched: 0 });
  });

  it('leaves a list the same write read beside the summary', async () => {
    const { reads, use } = pair('b');
    await settled();
    use(2);
    await refresh('b-summary:', 'b-list:');
    await settled();
    expect(reads).toEqual({ summary: 2, list: 2, unwatched: 0 });
  });
});

describe('a reload another one superseded', () => {
  it('resolves once the newest has set its answer, not with the atom still holding the older one', async () => {
    const answers: ((value: number) => void)[] = [];
    const list = resource('superseded-list:', () => new Promise<number>((resolve) => answers.push(resolve)));
    list.listen(() => {});
    answers.shift()!(0);
    await settled();
    // A claim's reload, then another section's before the first answers (a second product's request opened).
    const claims = refresh('superseded-list:');
    const opened = refresh('superseded-list:');
    let claimsDone = false;
    void claims.then(() => (claimsDone = true));
    answers.shift()!(1);
    await settled();
    // The older answer is dropped: its caller must not carry on yet.
    expect(claimsDone).toBe(false);
    expect(list.get()).toEqual({ status: 'ready', data: 0 });
    answers.shift()!(2);
    await claims;
    expect(list.get()).toEqual({ status: 'ready', data: 2 });
    await opened;
  });
});

describe('a revalidation while the request is being read, or just after', () => {
  it('starts no second read: the reopened frame and the sample form it opens make one request', async () => {
    const answers: ((value: number) => void)[] = [];
    const summary = resource('inflight-summary:', () => new Promise<number>((resolve) => answers.push(resolve)));
    summary.listen(() => {});
    answers.shift()!(0);
    await settled();
    const first = revalidate(-1, 'inflight-summary:');
    const second = revalidate(-1, 'inflight-summary:');
    expect(answers).toHaveLength(1);
    answers.shift()!(1);
    await Promise.all([first, second]);
    expect(summary.get()).toEqual({ status: 'ready', data: 1 });
    // Answered, it is read again when asked past its age.
    void revalidate(-1, 'inflight-summary:');
    expect(answers).toHaveLength(1);
  });

  it('counts a failed read as read: one unasked just after it reads nothing, one past its age reads again', async () => {
    // The failure is said in the console, as the frame says it.
    const said = vi.spyOn(console, 'error').mockImplementation(() => {});
    let reads = 0;
    let fail = false;
    const summary = resource('failed-summary:', async () => {
      reads++;
      if (fail) throw new Error('HTTP 502');
      return reads;
    });
    summary.listen(() => {});
    await settled();
    fail = true;
    await revalidate(-1, 'failed-summary:');
    expect(reads).toBe(2);
    expect(said).toHaveBeenCalledOnce();
    said.mockRestore();
    // The answer before the failure stays.
    expect(summary.get()).toEqual({ status: 'ready', data: 1 });
    fail = false;
    await revalidate(5_000, 'failed-summary:');
    expect(reads).toBe(2);
    await revalidate(-1, 'failed-summary:');
    expect(summary.get()).toEqual({ status: 'ready', data: 3 });
  });
});
