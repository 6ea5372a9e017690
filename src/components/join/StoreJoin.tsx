/**
 * The business-card exchange for a page that knows only the store's slug (the portal's store
 * page): loads the store with its merchant's card, follows the session, and shows the exchange
 * (sign-in for returning members included) or, to a member, the merchant's card. Simple props
 * on purpose: `<StoreJoin slug={slug} onJoined={…} onSignedIn={…} />`.
 */
import { useStore } from '@nanostores/preact';
import { useState } from 'preact/hooks';
import { isolate } from '../../i18n/format.ts';
import { $session } from '../../stores/session.ts';
import { useSectionText } from '../use-text.ts';
import { EmailSignIn } from './EmailSignIn.tsx';
import { JoinCard } from './JoinCard.tsx';
import { useStoreWithCard } from './use-store-with-card.ts';

export function StoreJoin({ slug, onJoined, onSignedIn, focusOnOpen }: {
  slug: string;
  onJoined?: (joined: boolean) => void;
  /** After a sign-in from the card: the page reads the login's standing anew; true when it is a member's, which replaces the card. */
  onSignedIn?: () => Promise<boolean>;
  focusOnOpen?: boolean;
}) {
  const { t, locale } = useSectionText('join');
  const session = useStore($session);
  const [signingIn, setSigningIn] = useState(false);
  // Back from the sign-in form (signed in, or to join instead), the card opens at the reader's press: its title takes the focus.
  const [returned, setReturned] = useState(false);
  // Signed in, the page still reading the login's standing: the session is there already (supabase-js
  // says so before the code step hears back), but the sign-in stays until the page knows what replaces it.
  const [finishing, setFinishing] = useState(false);
  const closeSignIn = () => {
    setSigningIn(false);
    setReturned(true);
  };
  const { load, retry } = useStoreWithCard(slug, locale);

  if (load.status === 'loading' || session === undefined) return <p class="muted">{t('loading')}</p>;
  if (load.status === 'failed') {
    return (
      <div role="alert">
        <p>{t('loadFailed')}</p>
        <button type="button" onClick={retry}>
          {t('retry')}
        </button>
      </div>
    );
  }
  if (!load.store) return <p role="alert">{t('storeNotFound', { slug: isolate(slug) })}</p>;
  const paused = load.store.store.joining_paused;
  if (signingIn && (!session || finishing)) {
    return (
      <EmailSignIn
        onSignedIn={async () => {
          // The card comes back, its title focused, only once the page has read the login's
          // standing, and only to a non-member: a member's standing replaces the card and takes the
          // focus itself, so the keyboard moves once, to what the reader now reads (the code step's
          // button stays busy meanwhile).
          setFinishing(true);
          const member = (await onSignedIn?.()) ?? false;
          if (member) return;
          setFinishing(false);
          closeSignIn();
        }}
        {...(paused ? {} : { onJoinInstead: closeSignIn })}
      />
    );
  }
  return (
    <JoinCard
      store={load.store}
      signedInEmail={session?.user.email ?? null}
      {...(onJoined ? { onJoined } : {})}
      {...(returned ? {} : focusOnOpen === undefined ? {} : { focusOnOpen })}
      {...(session ? {} : { onSignInInstead: () => setSigningIn(true) })}
    />
  );
}
