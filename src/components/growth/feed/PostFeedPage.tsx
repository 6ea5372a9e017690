/**
 * The portal's posts: `/posts/?s=SLUG` lists the store's feed, `/posts/?s=SLUG&p=ID` shows one
 * post. What a reader sees in full is decided by the database (post_feed under their RLS);
 * posts above their tier come as teasers: the title and which tier opens them.
 */
import { useStore } from '@nanostores/preact';
import { useEffect, useState } from 'preact/hooks';
import { formatDate, formatNumber } from '../../../i18n/format.ts';
import { attachmentUrl, feedPageSize, loadFeed, loadPost, teaserKey, type FeedPost } from '../../../lib/growth/posts.ts';
import { $session } from '../../../stores/session.ts';
import { useSectionText, useText } from '../../use-text.ts';
import { Markdown } from '../Markdown.tsx';
import { markSeen } from './seen.ts';
import '../growth.css';

type Load<T> = { status: 'loading' } | { status: 'error'; message: string; missing?: boolean } | { status: 'ready'; data: T };

function params() {
  const query = new URLSearchParams(window.location.search);
  return { slug: query.get('s'), postId: query.get('p'), lang: query.get('lang') };
}

function feedHref(slug: string, postId?: string): string {
  const query = new URLSearchParams({ s: slug });
  if (postId) query.set('p', postId);
  const { lang } = params();
  if (lang) query.set('lang', lang);
  return `/posts/?${query.toString()}`;
}

export default function PostFeedPage() {
  const { slug, postId } = params();
  const { t: site } = useText();
  if (!slug) return <p role="alert" class="error">{site('storeMissingSlug')}</p>;
  return postId ? <PostView slug={slug} postId={postId} /> : <Feed slug={slug} />;
}

function useReload<T>(load: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string; code?: string } }>, deps: unknown[]) {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const session = useStore($session);
  const userId = session === undefined ? undefined : (session?.user.id ?? null);
  useEffect(() => {
    if (userId === undefined) return;
    let live = true;
    setState({ status: 'loading' });
    void load().then((answer) => {
      if (!live) return;
      setState(answer.ok ? { status: 'ready', data: answer.data } : { status: 'error', message: answer.error.message, missing: answer.error.code === 'PT404' });
    });
    return () => {
      live = false;
    };
  }, [userId, attempt, ...deps]);
  return { state, retry: () => setAttempt((n) => n + 1), signedIn: Boolean(userId) };
}

function Failure({ message, retry }: { message: string; retry: () => void }) {
  const { t: site } = useText();
  return (
    <div role="alert" class="error-box">
      <p>{message}</p>
      <button type="button" onClick={retry}>{site('retry')}</button>
    </div>
  );
}

function Feed({ slug }: { slug: string }) {
  const { t, locale } = useSectionText('growth');
  const { t: site } = useText();
  const [page, setPage] = useState(0);
  const { state, retry, signedIn } = useReload(() => loadFeed(slug, page), [slug, page]);

  useEffect(() => {
    if (state.status === 'ready') markSeen(slug);
  }, [state.status, slug]);

  return (
    <section class="growth-feed" aria-labelledby="feed-title">
      <h1 id="feed-title">{t('postsTitle')}</h1>
      <p class="muted">
        <a href={`/store/?s=${encodeURIComponent(slug)}`}>{t('backToStore')}</a>
        {signedIn && <> · <a href={`/me/?s=${encodeURIComponent(slug)}`}>{t('toMyMembership')}</a></>}
      </p>
      {state.status === 'loading' && <p role="status" aria-busy="true">{site('loading')}</p>}
      {state.status === 'error' && <Failure message={state.missing ? site('storeNotFound', { slug }) : state.message} retry={retry} />}
      {state.status === 'ready' && state.data.length === 0 && <p class="empty">{t('feedEmpty')}</p>}
      {state.status === 'ready' && state.data.length > 0 && (
        <>
          <ul class="post-list">
            {state.data.map((post) => (
              <li key={post.id} class={post.locked ? 'post-card locked' : 'post-card'}>
                <article aria-labelledby={`post-${post.id}`}>
                  <p class="post-meta">
                    <span class="post-kind">{t(`kind_${post.kind}`)}</span> · <time dateTime={post.publish_at}>{formatDate(post.publish_at, locale)}</time>
                  </p>
                  <h2 id={`post-${post.id}`} lang={post.locale}>
                    <a href={feedHref(slug, post.id)}>{post.title}</a>
                  </h2>
                  {post.locked && (
                    <>
                      <p class="teaser">{lockedLine(post, t)}</p>
                      <p><UnlockLink slug={slug} signedIn={signedIn} /></p>
                    </>
                  )}
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

/** Where a reader goes to open a locked post: their membership (the next tier) or the store (to join). */
function UnlockLink({ slug, signedIn }: { slug: string; signedIn: boolean }) {
  const { t } = useSectionText('growth');
  return (
    <a href={signedIn ? `/me/?s=${encodeURIComponent(slug)}` : `/store/?s=${encodeURIComponent(slug)}`}>
      {signedIn ? t('seeHowToReach') : t('joinToRead')}
    </a>
  );
}

function lockedLine(post: FeedPost, t: ReturnType<typeof useSectionText<'growth'>>['t']): string {
  return t(teaserKey(post), { tier: post.tier_name ?? '' });
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
  const { state, retry, signedIn } = useReload(() => loadPost(slug, postId), [slug, postId]);
  const [fileError, setFileError] = useState<string | null>(null);

  useEffect(() => {
    if (state.status === 'ready') document.title = `${state.data.title} · ${site('brand')}`;
  }, [state]);

  async function download(path: string) {
    setFileError(null);
    const link = await attachmentUrl(path);
    if (link.ok) window.location.assign(link.data);
    else setFileError(link.error.message);
  }

  return (
    <article class="growth-post" aria-busy={state.status === 'loading'}>
      <p><a href={feedHref(slug)}>{t('backToFeed')}</a></p>
      {state.status === 'loading' && <p role="status">{site('loading')}</p>}
      {state.status === 'error' && (state.missing ? <><h1>{t('postMissingTitle')}</h1><p>{t('postMissing')}</p></> : <Failure message={state.message} retry={retry} />)}
      {state.status === 'ready' && (
        <>
          <p class="post-meta">
            <span class="post-kind">{t(`kind_${state.data.kind}`)}</span> · <time dateTime={state.data.publish_at}>{formatDate(state.data.publish_at, locale)}</time>
          </p>
          <h1 lang={state.data.locale}>{state.data.title}</h1>
          {state.data.locked ? (
            <div class="notice teaser-box">
              <p>{lockedLine(state.data, t)}</p>
              <p><UnlockLink slug={slug} signedIn={signedIn} /></p>
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
                        <button type="button" class="link-button" onClick={() => void download(file.path)}>
                          {t('downloadFile', { name: file.name })}
                        </button>
                      </li>
                    ))}
                  </ul>
                  {fileError && <p role="alert" class="error">{fileError}</p>}
                </section>
              )}
            </>
          )}
        </>
      )}
    </article>
  );
}
