/**
 * The portal's posts: `/posts/?s=SLUG` lists the store's feed, `/posts/?s=SLUG&p=ID` shows one
 * post. What a reader sees in full is decided by the database (post_feed under their RLS);
 * posts above their tier come as teasers: the title and which tier opens them.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatNumber, interpolateParts, languageName } from '../../../i18n/format.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { showStoreColor } from '../../../lib/brand-color.ts';
import { fileGone, type Result } from '../../../lib/console/result.ts';
import { slugFromQuery } from '../../../lib/query-slug.ts';
import { attachmentUrl, feedPageSize, isMemberAt, loadFeed, loadPost, loadStoreName, teaserKey, type Attachment, type FeedPost, type StoreName } from '../../../lib/growth/posts.ts';
import { loginFromNews } from '../../../lib/login-return.ts';
import { $session } from '../../../stores/session.ts';
import type { ApiError } from '../../console/ui/form-errors.ts';
import { BackLink } from '../../BackLink.tsx';
import { consoleHref } from '../../console/links.ts';
import { merchantName } from '../../merchant-name.tsx';
import { LoadFailed } from '../../member/Section.tsx';
import { useSectionText, useText } from '../../use-text.ts';
import { Markdown, markdownExcerpt } from '../Markdown.tsx';
import { markSeen } from './seen.ts';
import '../growth.css';

/**
 * `store`: the store's name, which the feed's heading and a post name (a buyer reads several
 * stores' news); `member`: whether the signed-in reader's company is a member of the store (false
 * when signed out).
 */
type Load<T> = { status: 'loading' } | { status: 'error'; missing: boolean } | { status: 'ready'; data: T; store: StoreName; member: boolean };

function params() {
  const query = new URLSearchParams(window.location.search);
  return { slug: slugFromQuery(), postId: query.get('p') };
}

export default function PostFeedPage() {
  const { slug, postId } = params();
  const { t: site } = useText();
  if (!slug) return <p role="alert" class="error">{site('storeMissingSlug')}</p>;
  return postId ? <PostView slug={slug} postId={postId} /> : <Feed slug={slug} />;
}

/**
 * `load`'s answer, with the store's name and whether the reader is a member here. Those two are
 * asked once per store and reader: paging the feed asks only `load` again.
 */
function useReload<T>(slug: string, load: () => Promise<Result<T>>, deps: unknown[]) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const session = useStore($session);
  const userId = session === undefined ? undefined : (session?.user.id ?? null);
  const reader = useRef<{ slug: string; userId: string | null; answer: Promise<[Result<StoreName>, Result<boolean>]> } | null>(null);
  useEffect(() => {
    if (userId === undefined) return;
    let live = true;
    setState({ status: 'loading' });
    if (reader.current?.slug !== slug || reader.current.userId !== userId) {
      const notSignedIn: Result<boolean> = { ok: true, data: false };
      reader.current = { slug, userId, answer: Promise.all([loadStoreName(slug), userId ? isMemberAt(slug, userId) : notSignedIn]) };
    }
    const asked = reader.current;
    // The server's or the parser's English is for the developer; the reader gets the site's sentence.
    const fail = (error: ApiError) => {
      const missing = error.code === 'PT404';
      if (!missing) console.error('The posts could not be loaded:', error);
      setState({ status: 'error', missing });
    };
    void Promise.all([load(), asked.answer]).then(([answer, [store, member]]) => {
      // A failed name or membership is asked again on retry.
      if ((!store.ok || !member.ok) && reader.current === asked) reader.current = null;
      if (!live) return;
      if (store.ok) showStoreColor(store.data.brandColor);
      // The posts' answer first: it is the one that says a store is missing (PT404).
      if (!answer.ok) return fail(answer.error);
      if (!store.ok) return fail(store.error);
      if (!member.ok) return fail(member.error);
      setState({ status: 'ready', data: answer.data, store: store.data, member: member.data });
    });
    return () => {
      live = false;
    };
  }, [userId, attempt, slug, ...deps]);
  return { state, retry: () => setAttempt((n) => n + 1) };
}

/** "News from {store}", the store's name marked with its language. */
function StoreTitle({ store }: { store: StoreName }) {
  const { t } = useSectionText('growth');
  return <>{interpolateParts(t('postsTitleAt'), { store: merchantName('store', store.name, store.lang) })}</>;
}

/** A failed load in the reader's language (the member pages' sentence), with a retry. */
function Failure({ retry }: { retry: () => void }) {
  const { t: site } = useText();
  const { t: member } = useSectionText('member');
  return <LoadFailed failed={member('loadFailed')} retryLabel={site('retry')} retry={retry} />;
}

/** Characters of an open post's text its card shows; the stylesheet shows three lines of them at most. */
const excerptLength = 240;

function Feed({ slug }: { slug: string }) {
  const { t, locale } = useSectionText('growth');
  const { t: site } = useText();
  const [page, setPage] = useState(0);
  const { state, retry } = useReload(slug, () => loadFeed(slug, page), [page]);
  const store = state.status === 'ready' ? state.store : null;

  useEffect(() => {
    if (state.status === 'ready') markSeen(slug);
  }, [state.status, slug]);

  useEffect(() => {
    // A title holds no markup to mark the name's language: the heading below does.
    if (store) document.title = `${t('postsTitleAt', { store: store.name })} · ${site('brand')}`;
  }, [store, t]);

  return (
    <section class="growth-feed" aria-labelledby="feed-title">
      <h1 id="feed-title">{store ? <StoreTitle store={store} /> : t('postsTitle')}</h1>
      <p class="muted">
        <a href={consoleHref('/store/', slug)}>{t('backToStore')}</a>
        {/* A non-member's My membership only says they are not one. */}
        {state.status === 'ready' && state.member && <> · <a href={consoleHref('/me/', slug)}>{t('toMyMembership')}</a></>}
      </p>
      {state.status === 'loading' && <p role="status" aria-busy="true">{site('loading')}</p>}
      {state.status === 'error' && (state.missing ? <p role="alert" class="error">{site('storeNotFound', { slug })}</p> : <Failure retry={retry} />)}
      {state.status === 'ready' && state.data.length === 0 && <p class="empty">{t('feedEmpty')}</p>}
      {state.status === 'ready' && state.data.length > 0 && (
        <>
          <ul class="post-list">
            {state.data.map((post) => (
              <li key={post.id} class={post.locked ? 'post-card locked' : 'post-card'}>
                <article aria-labelledby={`post-${post.id}`}>
                  <p class="post-meta">
                    <span class="post-kind">{t(`kind_${post.kind}`)}</span> · <time dateTime={post.publish_at}>{formatDate(post.publish_at, locale)}</time>
                    <WrittenIn postLocale={post.locale} locale={locale} />
                  </p>
                  <h2 id={`post-${post.id}`} lang={post.locale}>
                    <a href={consoleHref('/posts/', slug, { p: post.id })}>{post.title}</a>
                  </h2>
                  {post.locked ? <Locked post={post} slug={slug} member={state.member} /> : post.body && <p class="post-excerpt" lang={post.locale}>{markdownExcerpt(post.body, excerptLength)}</p>}
                </article>
              </li>
            ))}
          </ul>
          <Pager page={page} total={state.data[0]!.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

/**
 * A locked post: who it is for, and one way there. Members-only: join (the store page's join card).
 * Gated at a tier: how to reach that tier, on a member's progress in My membership, or for anyone
 * else on the store page, joining first (joining gives the lowest tier, which does not open it).
 * Signed out, the reader may be a member already: signing in comes beside joining. `own`: shown on
 * the post's own page, which signing in leads back to (from the feed, it leads back to the feed).
 */
function Locked({ post, slug, member, own = false }: { post: FeedPost; slug: string; member: boolean; own?: boolean }) {
  const { t } = useSectionText('growth');
  const signedIn = Boolean(useStore($session));
  const tier = post.visibility === 'tier' ? post.tier_name : null;
  // The name isolated (<bdi>) in each sentence and link text it stands in: direction controls a tier
  // name saved before the engine refused them would otherwise reorder the words after it.
  const tierPart = () => <bdi key="tier">{tier}</bdi>;
  const store = consoleHref('/store/', slug);
  const teaser = <p class="teaser">{interpolateParts(t(teaserKey(post)), { tier: tierPart() })}</p>;
  if (!signedIn) {
    // The sign-in page, opened for the store from its news, leads back to them and to My membership.
    const links = {
      signIn: <a key="signIn" href={consoleHref('/login/', slug, loginFromNews(own ? post.id : undefined))}>{t('signInLink')}</a>,
      join: <a key="join" href={store}>{t('joinLink')}</a>,
    };
    return (
      <>
        {teaser}
        <p>{interpolateParts(t(tier ? 'signInOrJoinThenReach' : 'signInOrJoinToRead'), { ...links, tier: tierPart() })}</p>
      </>
    );
  }
  // A member sees every members-only post; one locked to them is gated at no tier there is (none to point to).
  const link = tier
    ? member
      ? { href: `${consoleHref('/me/', slug)}#summary`, text: interpolateParts(t('reachTier'), { tier: tierPart() }) }
      : { href: store, text: interpolateParts(t('joinThenReach'), { tier: tierPart() }) }
    : member
      ? null
      : { href: store, text: t('joinToRead') };
  return (
    <>
      {teaser}
      {link && <p><a href={link.href}>{link.text}</a></p>}
    </>
  );
}

function Pager({ page, total, onPage }: { page: number; total: number; onPage: (page: number) => void }) {
  const { t, locale } = useSectionText('growth');
  const pages = Math.ceil(total / feedPageSize);
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('pagesLabel')}>
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>{t('newer')}</button>
      <span>{t('pageOf', { page: formatNumber(page + 1, locale), pages: formatNumber(pages, locale) })}</span>
      <button type="button" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>{t('older')}</button>
    </nav>
  );
}

function PostView({ slug, postId }: { slug: string; postId: string }) {
  const { t, locale } = useSectionText('growth');
  const { t: site } = useText();
  const { t: member } = useSectionText('member');
  const { state, retry } = useReload(slug, () => loadPost(slug, postId), [postId]);
  // A file the store removed since the post was read is said as gone, not as the reader's connection.
  const [fileFailed, setFileFailed] = useState<'gone' | 'failed' | null>(null);

  useEffect(() => {
    if (state.status === 'ready') document.title = `${state.data.title} · ${state.store.name} · ${site('brand')}`;
  }, [state]);

  async function download(file: Attachment) {
    setFileFailed(null);
    const link = await attachmentUrl(file);
    if (link.ok) return window.location.assign(link.data);
    console.error('The attachment link could not be made:', link.error);
    setFileFailed(link.error.code === fileGone ? 'gone' : 'failed');
  }

  return (
    <article class="growth-post" aria-busy={state.status === 'loading'}>
      <p class="post-back"><BackLink href={consoleHref('/posts/', slug)}>{state.status === 'ready' ? <StoreTitle store={state.store} /> : t('postsTitle')}</BackLink></p>
      {state.status === 'loading' && <p role="status">{site('loading')}</p>}
      {state.status === 'error' && (state.missing ? <><h1>{t('postMissingTitle')}</h1><p>{t('postMissing')}</p></> : <Failure retry={retry} />)}
      {state.status === 'ready' && (
        <>
          <p class="post-meta">
            {merchantName('store', state.store.name, state.store.lang)} · <span class="post-kind">{t(`kind_${state.data.kind}`)}</span> · <time dateTime={state.data.publish_at}>{formatDate(state.data.publish_at, locale)}</time>
            <WrittenIn postLocale={state.data.locale} locale={locale} />
          </p>
          <h1 lang={state.data.locale}>{state.data.title}</h1>
          {state.data.locked ? (
            // The locked card of the feed, as the feed showed it: not a warning.
            <div class="post-card locked teaser-box">
              <Locked post={state.data} slug={slug} member={state.member} own />
            </div>
          ) : (
            <>
              <Markdown source={state.data.body ?? ''} lang={state.data.locale} />
              {(state.data.attachments ?? []).length > 0 && (
                <section aria-labelledby="attachments-title" class="attachments">
                  <h2 id="attachments-title">{t('attachments')}</h2>
                  <ul>
                    {state.data.attachments!.map((file) => (
                      <li key={file.path}>
                        <button type="button" class="link-button" onClick={() => void download(file)}>
                          {t('downloadFile', { name: file.name })}
                        </button>
                      </li>
                    ))}
                  </ul>
                  {fileFailed && <p role="alert" class="error">{fileFailed === 'gone' ? t('attachmentGone') : member('loadFailed')}</p>}
                </section>
              )}
            </>
          )}
        </>
      )}
    </article>
  );
}

/**
 * The language a post is written in, named in the reader's when it is another: a merchant writes
 * each post once, in one language, and the reader should see before reading that it is not theirs.
 */
function WrittenIn({ postLocale, locale }: { postLocale: string; locale: Locale }) {
  const { t } = useSectionText('growth');
  if (postLocale === locale) return null;
  return <> · <span class="post-language">{t('writtenIn', { language: languageName(postLocale, locale) })}</span></>;
}
