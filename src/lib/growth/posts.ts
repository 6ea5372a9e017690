/**
 * Posts: the member feed (post_feed: whole posts where the reader's RLS allows, teasers
 * otherwise), the new-posts count, and staff's editing of their store's posts with attachments
 * in the `post-attachments` bucket (`<store_id>/<post_id>/<file>`).
 */
import { z } from 'zod';
import { supabase } from '../supabase.ts';
import type { TablesUpdate } from '../database.types.ts';
import { fileGone, parse, unexpectedAnswer, type Result } from '../console/result.ts';
import { savedAsRead } from '../console/changed-since.ts';
import { changedSinceRead, fieldChanges, goneSinceRead } from '../read-again.ts';
import { localDateTimeInput } from '../local-clock.ts';
import { parseDetails, type ApiError } from '../../components/console/ui/form-errors.ts';
import { storageProblem, uploadCheck, type RefusedFile, type UploadProblem, type UploadRules } from '../../components/console/ui/upload-refusal.ts';

export const postKinds = ['industry_news', 'trend_report', 'trade_data', 'holiday_greeting'] as const;
export const postLocales = ['en', 'zh-CN', 'es'] as const;
export const bucket = 'post-attachments';
/** The bucket's allowed_mime_types and file_size_limit (20261203000500_growth.sql). */
export const attachmentUpload: UploadRules = {
  target: 'attachment',
  maxBytes: 20 * 1024 * 1024,
  types: [
    'application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'text/csv', 'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
};

const attachmentSchema = z.object({ path: z.string(), name: z.string(), size: z.number().optional(), type: z.string().optional() });
export type Attachment = z.infer<typeof attachmentSchema>;

const feedSchema = z.object({
  id: z.uuid(),
  kind: z.enum(postKinds),
  title: z.string(),
  locale: z.string(),
  publish_at: z.string(),
  visibility: z.enum(['public', 'members', 'tier']),
  min_tier_rank: z.number(),
  tier_name: z.string().nullable(),
  /** Whether no tier of the store ranks above the one named (null unless gated at a tier). */
  tier_top: z.boolean().nullable(),
  locked: z.boolean(),
  body: z.string().nullable(),
  attachments: z.array(attachmentSchema).nullable(),
  total: z.number(),
});
export type FeedPost = z.infer<typeof feedSchema>;

export const feedPageSize = 20;

/**
 * The growth catalogue's line for a teaser: the tier that opens the post ({tier}, "and above"
 * unless no tier ranks above it), or members only.
 */
export function teaserKey(post: Pick<FeedPost, 'visibility' | 'tier_name' | 'tier_top'>): 'lockedTier' | 'lockedTierTop' | 'lockedMembers' {
  if (post.visibility !== 'tier' || !post.tier_name) return 'lockedMembers';
  return post.tier_top ? 'lockedTierTop' : 'lockedTier';
}

export async function loadFeed(slug: string, page = 0): Promise<Result<FeedPost[]>> {
  return parse(z.array(feedSchema), await supabase().rpc('post_feed', { p_store_slug: slug, p_limit: feedPageSize, p_offset: page * feedPageSize }));
}

export async function loadPost(slug: string, postId: string): Promise<Result<FeedPost>> {
  const answer = parse(z.array(feedSchema).length(1), await supabase().rpc('post_feed', { p_store_slug: slug, p_post_id: postId }));
  return answer.ok ? { ok: true, data: answer.data[0]! } : answer;
}

/**
 * The store's name in the page's language, as its page shows it, and the language it is written
 * in; and its colour (null: Cardclub's), which the page takes from this same read (brand-color.ts).
 */
export type StoreName = { name: string; lang: string; brandColor: string | null };

/** The feed and a post name the store, marked with the language of the name. */
export async function loadStoreName(slug: string): Promise<Result<StoreName>> {
  const answer = parse(
    z.object({ name: z.string(), langs: z.object({ name: z.string() }), brand_color: z.string().nullable() }),
    await supabase().from('stores').select('name:name_local, langs:text_langs, brand_color').eq('slug', slug).single(),
  );
  return answer.ok ? { ok: true, data: { name: answer.data.name, lang: answer.data.langs.name, brandColor: answer.data.brand_color } } : answer;
}

/**
 * Whether the signed-in login is a contact of a member of the store: the feed links My membership
 * for members only, a locked post's link sends a member to their progress and anyone else to join
 * first, and post_feed does not say which.
 */
export async function isMemberAt(slug: string, userId: string): Promise<Result<boolean>> {
  const answer = parse(z.array(z.object({ id: z.uuid() })), await supabase()
    .from('member_contacts')
    .select('id, members!inner(stores!inner())')
    .eq('user_id', userId)
    .eq('members.stores.slug', slug)
    .limit(1));
  return answer.ok ? { ok: true, data: answer.data.length > 0 } : answer;
}

/**
 * A signed link to an attachment the reader may read (the bucket's policy decides), which saves
 * the file under the name it was added with, not its object's (`mxdup7qb-price-list.pdf`). The
 * name goes into the link here rather than through storage-js's `download` option, which encodes
 * it twice: "价目表 (2026).pdf" was saved as "%E4%BB%B7%E7%9B%AE%E8%A1%A8 %282026%29.pdf".
 * Storage's refusal keeps its HTTP status: without it, a refusal read as a request nothing
 * answered, and the console told staff to check their connection. A file gone ("Object not
 * found": a 400 whose body says 404) is `fileGone`: without it, staff read a 400 with no code as
 * the service's problem.
 */
export async function attachmentUrl(file: Pick<Attachment, 'path' | 'name'>): Promise<Result<string>> {
  const { data, error } = await supabase().storage.from(bucket).createSignedUrl(file.path, 600);
  if (error) return { ok: false, error: { message: error.message, ...(error.statusCode === '404' ? { code: fileGone } : {}), ...(error.status ? { status: error.status } : {}) } };
  if (!data) return { ok: false, error: { code: unexpectedAnswer, message: 'No link in the answer' } };
  const link = new URL(data.signedUrl);
  link.searchParams.set('download', file.name);
  return { ok: true, data: link.href };
}

// ---- Staff ----------------------------------------------------------------------------------

const postSchema = z.object({
  id: z.uuid(),
  kind: z.enum(postKinds),
  title: z.string(),
  body: z.string(),
  locale: z.enum(postLocales),
  visibility: z.enum(['public', 'members', 'tier']),
  min_tier_rank: z.number(),
  /** Null: a draft, which only the store's staff read. */
  publish_at: z.string().nullable(),
  attachments: z.array(attachmentSchema),
  /** When it last changed: a save is made over the post as read (savePost). */
  updated_at: z.string(),
});
export type Post = z.infer<typeof postSchema>;

/** Where a post stands for its readers: a draft, out at a time to come, or out. */
export function postStatus(post: Pick<Post, 'publish_at'>, now = Date.now()): 'draft' | 'scheduled' | 'published' {
  if (post.publish_at === null) return 'draft';
  return Date.parse(post.publish_at) > now ? 'scheduled' : 'published';
}
const postColumns = 'id, kind, title, body, locale, visibility, min_tier_rank, publish_at, attachments, updated_at';

/**
 * Whether a post may be published or scheduled: members are never shown a post with neither text
 * nor a file; a draft may wait for both. The database's rule (private.post_has_content) is this
 * one, its white space what trim() removes: the form's check only saves the round trip.
 */
function hasContent(body: string, hasAttachments: boolean): boolean {
  return body.trim() !== '' || hasAttachments;
}

/**
 * The database's refusal of a post out or to come with neither text nor a file: of its body, or
 * of its attachments when the last file would go. The editor says it as its own check does.
 */
export function refusedAsEmpty(error: ApiError): boolean {
  const details = parseDetails(error);
  return error.code === '22023' && ((details?.field === 'body' && details.reason?.startsWith('is required to publish or schedule') === true)
    || (details?.field === 'attachments' && details.reason?.startsWith('must keep at least one file') === true));
}

/**
 * The longest title and text a post takes, in characters: the table's checks (posts_title_single_line,
 * posts_body_text) are the rule, the form's check and its refusal's sentence say them before the request.
 */
export const postLimits = { title: 200, body: 50_000 } as const;

/** A title or text as long as postFormSchema counts it against postLimits (a title without its outer spaces). */
export function postTextLength(form: Pick<PostForm, 'title' | 'body'>, field: keyof typeof postLimits): number {
  return field === 'title' ? form.title.trim().length : form.body.length;
}

export const postFormSchema = z
  .object({
    kind: z.enum(postKinds),
    title: z.string().trim().min(1, 'vRequired').max(postLimits.title, 'vTooLong').refine((v) => !/[\n\r\t]/.test(v), 'vOneLine'),
    body: z.string().max(postLimits.body, 'vTooLong'),
    locale: z.enum(postLocales),
    visibility: z.enum(['public', 'members', 'tier']),
    min_tier_rank: z.number().int().min(0),
    /** Publish now (an already published post keeps its time), at `publish_at`, or keep it a draft. */
    when: z.enum(['now', 'schedule', 'draft']),
    /** The local date and time to schedule it for; read only when `when` is 'schedule'. */
    publish_at: z.string(),
    /** The post holds files, or files are chosen for a new one: a report may be its attachment alone. */
    has_attachments: z.boolean().default(false),
  })
  .refine((f) => (f.visibility === 'tier') === f.min_tier_rank > 0, { path: ['min_tier_rank'], message: 'vTier' })
  .superRefine((f, context) => {
    if (f.when !== 'draft' && !hasContent(f.body, f.has_attachments)) context.addIssue({ code: 'custom', path: ['body'], message: 'vBodyToPublish' });
    if (f.when !== 'schedule') return;
    // Nothing chosen is asked for, as any field left empty is; a time typed in part is nothing to the control until whole.
    if (f.publish_at.trim() === '') return void context.addIssue({ code: 'custom', path: ['publish_at'], message: 'vRequired' });
    const at = Date.parse(f.publish_at);
    if (Number.isNaN(at)) context.addIssue({ code: 'custom', path: ['publish_at'], message: 'vDate' });
    else if (at <= Date.now()) context.addIssue({ code: 'custom', path: ['publish_at'], message: 'vFuture' });
  });
export type PostForm = z.input<typeof postFormSchema>;
export const postFields = ['kind', 'title', 'body', 'locale', 'visibility', 'min_tier_rank', 'publish_at', 'attachments'];

/** A saved post as the form shows it: a draft stays one, a scheduled post keeps its time, a published one stays out. */
export function formOf(post: Post, now = Date.now()): PostForm {
  const status = postStatus(post, now);
  return {
    kind: post.kind, title: post.title, body: post.body, locale: post.locale, visibility: post.visibility, min_tier_rank: post.min_tier_rank,
    when: status === 'draft' ? 'draft' : status === 'scheduled' ? 'schedule' : 'now',
    publish_at: status === 'scheduled' ? localDateTimeInput(post.publish_at!) : '',
  };
}

/** A post's parts as the editor names them: who reads it and when it comes out are one choice each. */
export type PostPart = 'title' | 'kind' | 'locale' | 'audience' | 'when' | 'body' | 'attachments';

/** Each part the form edits, by the form's fields it is saved from; a time is read only when scheduling. */
const formParts: readonly [PostPart, (form: PostForm) => Partial<PostForm>][] = [
  ['title', ({ title }) => ({ title })],
  ['kind', ({ kind }) => ({ kind })],
  ['locale', ({ locale }) => ({ locale })],
  ['audience', ({ visibility, min_tier_rank }) => ({ visibility, min_tier_rank })],
  ['when', ({ when, publish_at }) => ({ when, publish_at: when === 'schedule' ? publish_at : '' })],
  ['body', ({ body }) => ({ body })],
];

/**
 * A save refused because someone else changed the post since `read`, the post read again (`now`):
 * the form to show next, with what staff typed (`typed`) kept, and which parts someone else changed
 * (fieldChanges). Its files are not in the form: theirs are listed as they are now.
 */
export function rereadPost(read: Post, now: Post, typed: PostForm, at = Date.now()) {
  const before = formOf(read, at);
  const form = formOf(now, at);
  const { weigh, changes } = fieldChanges<PostPart>();
  for (const [part, of] of formParts) {
    if (weigh(part, of(typed), of(before), of(form))) Object.assign(form, of(typed));
  }
  weigh('attachments', read.attachments, read.attachments, now.attachments);
  return { form, ...changes };
}

/** Drafts first (staff come back to them), then newest first. */
export async function loadPosts(storeId: string): Promise<Result<Post[]>> {
  return parse(z.array(postSchema), await supabase().from('posts').select(postColumns).eq('store_id', storeId)
    .order('publish_at', { ascending: false, nullsFirst: true }));
}

/**
 * Publishing now names no time for a new post (the column's default, the database's now()) and
 * keeps the time of one already out; a draft or scheduled post is given `now`, which Postgres reads
 * as its own clock: this device's time, when it ran ahead, made "Publish now" a schedule members
 * waited for while the console said Published. A post saved again is saved over the post as read
 * (`post`, savedAsRead): when someone else changed or deleted it since, nothing is written and the
 * refusal says which (changedSinceRead, goneSinceRead).
 */
export async function savePost(storeId: string, post: Post | null, form: z.output<typeof postFormSchema>): Promise<Result<Post>> {
  const { when, publish_at, has_attachments: _read, ...fields } = form;
  const time = when === 'draft' ? { publish_at: null }
    : when === 'schedule' ? { publish_at: new Date(publish_at).toISOString() }
    : post && postStatus(post) !== 'published' ? { publish_at: 'now' }
    : {};
  const row = { ...fields, ...time };
  if (!post) return parse(postSchema, await supabase().from('posts').insert({ ...row, store_id: storeId }).select(postColumns).single());
  return updateAsRead(post, row);
}

/**
 * Writes `fields` over the post as read (savedAsRead), whatever the editor changes of it (its
 * fields, its files): once someone else changed or deleted it since, nothing is written. A file
 * listed by a write of its own only, the post then read back with another's change, would have made
 * that change the editor's "as read" unseen.
 */
async function updateAsRead(post: Post, fields: TablesUpdate<'posts'>): Promise<Result<Post>> {
  return savedAsRead(postSchema, post.updated_at, await supabase().from('posts').update(fields).eq('id', post.id).eq('updated_at', post.updated_at).select(postColumns).maybeSingle(),
    () => supabase().from('posts').select('updated_at').eq('id', post.id).maybeSingle());
}

/** One post of the store as the list reads it, null when it is gone: the editor reads it again after a save refused over someone else's change. */
export async function loadStorePost(storeId: string, id: string): Promise<Result<Post | null>> {
  return parse(postSchema.nullable(), await supabase().from('posts').select(postColumns).eq('store_id', storeId).eq('id', id).maybeSingle());
}

/** A file that could not be uploaded, by its name, and the storage's reason. */
export type FailedFile = RefusedFile;
/** A new post with files that could not be published or scheduled, kept as a draft (savePostWithFiles). */
type KeptAsDraft = { ok: false; error: ApiError; draft: Post; failed: FailedFile[] };
/** A new post not saved at all: files chosen for it that the bucket refuses (refusedFiles). */
type FilesRefused = { ok: false; error: ApiError; refused: FailedFile[] };
export type SavedWithFiles = Result<Post> | KeptAsDraft | FilesRefused;
export const keptAsDraft = (saved: SavedWithFiles): saved is KeptAsDraft => 'draft' in saved;
export const filesRefused = (saved: SavedWithFiles): saved is FilesRefused => 'refused' in saved;

/** The files the bucket would refuse (uploadCheck), each with why: the console says so as they are chosen. */
export function refusedFiles(files: readonly File[]): FailedFile[] {
  return files.flatMap((file) => {
    const problem = uploadCheck(file, attachmentUpload);
    return problem ? [{ name: file.name, size: file.size, problem }] : [];
  });
}

/**
 * A new post saved with the files chosen for it, one click for the merchant. Files go into the
 * folder of a saved post (the bucket's policy reads the post's id from the path), and the database
 * publishes no post without text or a file: so the post is saved as a draft, the files uploaded and
 * listed on it, and only then published or scheduled as the form asks. A file the bucket is known
 * to refuse (type, size) refuses the whole save before anything is written (`refused`): saved
 * first, a post was left behind as a draft for a file that could never go up. Every file is tried,
 * one Storage refuses on the way no reason to drop those after it: with any refused, the post stays
 * a draft with the files that went up (`draft`), naming each refused file (`failed`); refused
 * publishing, it stays the draft with all its files (`failed` empty).
 */
export async function savePostWithFiles(
  storeId: string, form: z.output<typeof postFormSchema>, files: readonly File[],
): Promise<SavedWithFiles> {
  const refused = refusedFiles(files);
  if (refused.length) return { ok: false, error: { message: refused.map((file) => `${file.name}: ${file.problem}`).join('; ') }, refused };
  const saved = await savePost(storeId, null, { ...form, when: 'draft' });
  if (!saved.ok) return saved;
  const { post, failed, error } = await addAttachments(storeId, saved.data, files);
  if (error) return { ok: false, error, draft: post, failed };
  if (form.when === 'draft') return { ok: true, data: post };
  const out = await savePost(storeId, post, form);
  return out.ok ? out : { ...out, draft: post, failed: [] };
}

/**
 * The growth catalogue's line for a post just saved: what became of it, and for a post with no file
 * yet, that files go below. "Saved." only for a change to a post that was out already; a post out
 * made a draft is said to be taken down ("Draft saved." did not say its readers lost it).
 */
export function savedNoticeKey(saved: Pick<Post, 'publish_at' | 'attachments'>, before: Pick<Post, 'publish_at'> | null, now = Date.now()):
  'postDraftSaved' | 'postUnpublished' | 'postScheduled' | 'postScheduledWithFiles' | 'postSaved' | 'postPublished' | 'postPublishedWithFiles' {
  const status = postStatus(saved, now);
  const files = saved.attachments.length > 0;
  const wasOut = before !== null && postStatus(before, now) === 'published';
  if (status === 'draft') return wasOut ? 'postUnpublished' : 'postDraftSaved';
  if (status === 'scheduled') return files ? 'postScheduledWithFiles' : 'postScheduled';
  if (wasOut) return 'postSaved';
  return files ? 'postPublishedWithFiles' : 'postPublished';
}

export async function deletePost(post: Post): Promise<Result<unknown>> {
  if (post.attachments.length) await supabase().storage.from(bucket).remove(post.attachments.map((a) => a.path));
  return parse(z.unknown(), await supabase().from('posts').delete().eq('id', post.id));
}

/** A file name safe as the last part of an object name: letters, digits, . _ -, at most 100. */
function objectName(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^[.-]+/, '').slice(-100);
  return cleaned || 'file';
}

/**
 * Uploads a file into the post's folder and lists it on the post; a file the bucket would refuse
 * is not sent. `problem` says why a file is refused, by the check, Storage or the post's row.
 */
async function addAttachment(storeId: string, post: Post, file: File): Promise<Result<Post> & { problem?: UploadProblem }> {
  const checked = uploadCheck(file, attachmentUpload);
  if (checked) return { ok: false, error: { message: `${file.name}: ${checked}` }, problem: checked };
  const path = `${storeId}/${post.id}/${Date.now().toString(36)}-${objectName(file.name)}`;
  const upload = await supabase().storage.from(bucket).upload(path, file, { contentType: file.type });
  if (upload.error) return { ok: false, error: { message: upload.error.message }, problem: storageProblem(upload.error) };
  const attachments = [...post.attachments, { path, name: file.name.slice(0, 200) || 'file', size: file.size, type: file.type }];
  const saved = await updateAsRead(post, { attachments });
  if (!saved.ok) await supabase().storage.from(bucket).remove([path]);
  return saved;
}

/**
 * Uploads each file as addAttachment does, every one tried: a refused file is no reason to drop
 * those after it. The post as it stands after them, the files refused, and the first refusal. Once
 * the post itself was changed or deleted by someone else (changedSinceRead, goneSinceRead), no file
 * is listed on it: that refusal, and the files from that one on.
 */
export async function addAttachments(storeId: string, post: Post, files: readonly File[]): Promise<{ post: Post; failed: FailedFile[]; error: ApiError | null }> {
  const failed: FailedFile[] = [];
  let error: ApiError | null = null;
  for (const [index, file] of files.entries()) {
    const added = await addAttachment(storeId, post, file);
    if (added.ok) post = added.data;
    else if (added.error.code === changedSinceRead || added.error.code === goneSinceRead) {
      return { post, failed: files.slice(index).map(({ name, size }) => ({ name, size, problem: 'unknown' })), error: added.error };
    } else {
      failed.push({ name: file.name, size: file.size, problem: added.problem ?? (added.error.code === '42501' ? 'denied' : 'unknown') });
      error ??= added.error;
    }
  }
  return { post, failed, error };
}

export async function removeAttachment(post: Post, path: string): Promise<Result<Post>> {
  const attachments = post.attachments.filter((a) => a.path !== path);
  const saved = await updateAsRead(post, { attachments });
  if (saved.ok) await supabase().storage.from(bucket).remove([path]);
  return saved;
}
