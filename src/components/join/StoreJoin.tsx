/**
 * The business-card exchange for a page that knows only the store's slug (the portal's store
 * page): loads the store with its merchant's card, follows the session, and shows the exchange
 * (sign-in for returning members included) or, to a member, the merchant's card. Simple props
 * on purpose: `<StoreJoin slug={slug} onJoined={…} />`.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useState } from 'preact/hooks';
import { isolate } from '../../i18n/format.ts';
import { supabase } from '../../lib/supabase.ts';
import { $session } from '../../stores/session.ts';
import { useSectionText } from '../use-text.ts';
import { EmailSignIn } from './EmailSignIn.tsx';
import { fetchStoreWithCard, type StoreWithCard } from './join-api.ts';
import { JoinCard } from './JoinCard.tsx';

type Load = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; store: StoreWithCard | null };

export function StoreJoin({ slug, onJoined, focusOnOpen }: { slug: string; onJoined?: (joined: boolean) => void; focusOnOpen?: boolean }) {
  const { t, locale } = useSectionText('join');
  const session = useStore($session);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [signingIn, setSigningIn] = useState(false);
  function fetch() {
    setLoad({ status: 'loading' });
    fetchStoreWithCard(supabase(), slug, locale).then(
      (store) => setLoad({ status: 'ready', store }),
      () => setLoad({ status: 'failed' }),
    );
  }
  useEffect(fetch, [slug, locale]);

  if (load.status === 'loading' || session === undefined) return <p class="muted">{t('loading')}</p>;
  if (load.status === 'failed') {
    return (
      <div role="alert">
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={fetch}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (!load.store) return <p role="alert">{t('storeNotFound', { slug: isolate(slug) })}</p>;
  if (signingIn && !session) return <EmailSignIn onSignedIn={async () => setSigningIn(false)} onJoinInstead={() => setSigningIn(false)} />;
  return (
    <JoinCard
      store={load.store}
      signedInEmail={session?.user.email ?? null}
      {...(onJoined ? { onJoined } : {})}
      {...(focusOnOpen === undefined ? {} : { focusOnOpen })}
      {...(session ? {} : { onSignInInstead: () => setSigningIn(true) })}
    />
  );
}
