/**
 * What the store kept of a signed-in login that is no member (`my_former_membership`), so every
 * place that tells a login it is no member — the widget's frame, My membership, the sign-in page —
 * says "no longer a member" rather than "not yet", and names the company its colleagues keep a
 * member, in the same words.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useState } from 'preact/hooks';
import { $session, supabaseClient } from '../../stores/session.ts';
import { fetchFormerMembership, type FormerMembership } from './join-api.ts';

/**
 * The signed-in login's former membership of `slug` once `notMember` is known: undefined while
 * read, then what was read — as a login that never joined if the read failed (said in the console).
 */
export function useFormerMembership(slug: string, notMember: boolean): FormerMembership | undefined {
  const userId = useStore($session)?.user.id ?? null;
  const [former, setFormer] = useState<{ userId: string; read: FormerMembership } | null>(null);
  useEffect(() => {
    if (!userId || !notMember) return;
    let current = true;
    const answer = (read: FormerMembership) => current && setFormer({ userId, read });
    // supabase-js loads only for a login that is no member: My membership's first screen reads without it.
    supabaseClient().then((client) => fetchFormerMembership(client, slug)).then(answer, (error: unknown) => {
      console.error(error);
      answer({ left: false, company_name: null });
    });
    return () => {
      current = false;
    };
  }, [slug, userId, notMember]);
  return former?.userId === userId ? former.read : undefined;
}

/** The join catalogue's sentence for a signed-in login that is no member. While the store takes no new members, none offers to join. */
export function notMemberSentence(former: FormerMembership, paused: boolean) {
  if (former.company_name !== null) return 'colleaguesStillMember';
  if (former.left) return paused ? 'noLongerMemberPaused' : 'noLongerMember';
  return paused ? 'notMemberYetPaused' : 'notMemberYet';
}
