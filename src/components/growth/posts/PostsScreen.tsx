/**
 * /console/posts/: the store's posts (drafts first, then published and scheduled), and an editor
 * for one: kind, title, language, who may read it (public, members, or a tier and above), when it
 * comes out (now, at a time, or kept as a draft), Markdown body with a preview rendered exactly as
 * members see it, and attachments.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDate, formatListParts, formatNumber, isolate, joinSentences, interpolateParts, parenthetical } from '../../../i18n/format.ts';
import { dateTimeText } from '../../date-text.tsx';
import { pluralKey } from '../../../i18n/plural.ts';
import { loadTiers } from '../../../lib/console/members.ts';
import { orThrow } from '../../../lib/console/result.ts';
import {
  addAttachments, attachmentUpload, attachmentUrl, deletePost, filesRefused, formOf, keptAsDraft, loadPosts, loadStorePost, postFields, postFormSchema, postKinds, postLimits, postLocales, postStatus, postTextLength,
  refusedAsEmpty, removeAttachment, rereadPost, savedNoticeKey, savePost, savePostWithFiles,
  type Attachment, type FailedFile, type Post, type PostForm, type PostPart, type SavedWithFiles,
} from '../../../lib/growth/posts.ts';
import type { ApiError } from '../../console/ui/form-errors.ts';
import type { StaffStore } from '../../../stores/staff-store.ts';
import type { Locale } from '../../../i18n/locales.ts';
import { ConfirmDialog } from '../../console/ui/ConfirmDialog.tsx';
import { uploadCheck, uploadRefusal, uploadSize } from '../../console/ui/upload-refusal.ts';
import { DataTable } from '../../console/ui/DataTable.tsx';
import { Field, FieldSet, FormError } from '../../console/ui/Field.tsx';
import { DateField } from '../../console/ui/DateField.tsx';
import { FileInput } from '../../console/ui/FileInput.tsx';
import { apiErrors, apiMessage, zodErrors, type FieldErrors } from '../../console/ui/form-errors.ts';
import { useConsoleText } from '../../console/console-text.ts';
import { Markdown } from '../Markdown.tsx';
import { Notice } from '../Notice.tsx';
import '../growth.css';
import { CheckedForm } from '../../console/ui/CheckedForm.tsx';
import { DiscardDialog, useDiscardAsk } from '../../console/ui/unsaved.tsx';
import { BusyButton } from '../../BusyButton.tsx';
import { RereadNote } from '../../console/ui/RereadNote.tsx';
import { useReread } from '../../console/ui/reread.ts';
import { LoadState } from '../../console/ui/LoadState.tsx';
import { useLoad } from '../../console/ui/use-load.ts';

const fileTypes = '.pdf,.jpg,.jpeg,.png,.webp,.csv,.xls,.xlsx,.docx,.pptx';

/**
 * A new post, in the console's language: staff write in the language they read the console in
 * (the store's default put "冬季展会" out marked English, read aloud as English). A post is in one
 * language, and every store writes in each of the console's (merchant text fields offer all three).
 */
function blank(locale: Locale): PostForm {
  return { kind: 'industry_news', title: '', body: '', locale, visibility: 'members', min_tier_rank: 0, when: 'now', publish_at: '' };
}

/** Each part of a post by its label on the form, to say which ones someone else changed. */
const partLabels = {
  title: 'colTitle', kind: 'colKind', locale: 'colLanguage', audience: 'colAudience', when: 'whenLegend', body: 'postBody', attachments: 'attachments',
} as const satisfies Record<PostPart, string>;

export function PostsScreen({ store }: { store: StaffStore }) {
  const { t, locale } = useConsoleText('growth');
  const { t: staff } = useConsoleText('staff');
  const posts = useLoad(() => loadPosts(store.id).then(orThrow), [store.id]);
  // The audiences offered: without them a post is still for the public or members.
  const tiers = useLoad(() => loadTiers(store.id).then(orThrow), [store.id]).data ?? [];
  const [editing, setEditing] = useState<Post | null>(null);
  const [form, setForm] = useState<PostForm>(blank(locale));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  // Files chosen for a post not saved yet: uploaded into its folder once the save gives it one.
  const [chosen, setChosen] = useState<File[]>([]);
  // Which chosen file's Remove button takes the focus once the list is drawn without the one
  // removed (that button gone, the focus fell to <body>).
  const [focusChosen, setFocusChosen] = useState<number | null>(null);
  const chosenList = useRef<HTMLUListElement>(null);
  // The form's identity: a new one for each post opened, the same once a new post is first saved
  // and gets its id (keyed by the id, the form was rebuilt under the keyboard, the focus on <body>).
  const [opened, setOpened] = useState(0);
  // The deletion waiting for its confirmation: the post, or one of its files.
  const [confirming, setConfirming] = useState<{ kind: 'post' } | { kind: 'file'; path: string; name: string } | null>(null);
  // A save refused because someone else changed the post since it was read offers Reload: the form
  // shows their changes where nothing was typed and keeps what was (rereadPost), the next save made
  // over the post as read now, the list read again.
  const saves = useReread({
    read: editing,
    load: (post) => loadStorePost(store.id, post.id),
    merge: (post, now) => {
      const { form: shown, taken, kept } = rereadPost(post, now, form);
      setEditing(now);
      setForm(shown);
      setErrors({});
      setFormError(null);
      void posts.reload();
      return { taken, kept };
    },
    // Deleted since: what was typed becomes a new post's.
    gone: () => {
      setEditing(null);
      setFormError(t('postGoneSince'));
      void posts.reload();
    },
    say: setFormError,
    setBusy,
  });
  // Another post, or New, in place of one with unsaved changes (typed, files chosen): asked first.
  const discard = useDiscardAsk();
  const editorTitle = () => document.getElementById('post-editor-title');
  // Set once the open post is deleted, for the dialog closing then: its Delete button went with the
  // post, and the focus with it to the page's body; the line saying so takes it.
  const deleted = useRef(false);
  const noticeLine = useRef<HTMLParagraphElement>(null);
  // Where an attachment removed was in the list, for the dialog closing then: its Remove button
  // went with it; the next file's takes the focus, else the one before, else the input (as a
  // chosen file's removal does).
  const removedAt = useRef<number | null>(null);
  const attachedList = useRef<HTMLUListElement>(null);
  const afterConfirm = () => {
    if (deleted.current) return noticeLine.current;
    if (removedAt.current === null) return null;
    const buttons = attachedList.current?.querySelectorAll<HTMLElement>('button.danger-outline') ?? [];
    return buttons[Math.min(removedAt.current, buttons.length - 1)] ?? document.getElementById('post-files');
  };
  const ask = (asking: NonNullable<typeof confirming>) => {
    deleted.current = false;
    removedAt.current = null;
    setConfirming(asking);
  };

  useEffect(() => {
    if (focusChosen === null) return;
    const buttons = chosenList.current?.querySelectorAll('button') ?? [];
    // The next file's, else the one before (the last was removed), else the input, the list gone.
    (buttons[Math.min(focusChosen, buttons.length - 1)] ?? document.getElementById('post-files'))?.focus();
    setFocusChosen(null);
  }, [focusChosen]);

  function open(post: Post | null) {
    setEditing(post);
    setForm(post ? formOf(post) : blank(locale));
    setErrors({});
    setFormError(null);
    setNotice(null);
    setPreview(false);
    setChosen([]);
    saves.saving();
    setOpened((count) => count + 1);
    // A deleted post's edits went with it.
    discard.changed(false);
    editorTitle()?.focus();
  }

  /** What the reader opens (a post of the list, New): the post open already is its title, its changes kept. */
  function choose(post: Post | null) {
    if (post && post.id === editing?.id) return void editorTitle()?.focus();
    discard.then(() => open(post));
  }

  const set = <K extends keyof PostForm>(key: K, value: PostForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }));
    setNotice(null);
  };
  const message = (key: string) => {
    const value = errors[key];
    return value && /^v[A-Z]/.test(value) ? t(value as never) : value;
  };
  /** Who reads it, as one choice: public, members, or a tier (by rank) and above. */
  const audience = form.visibility === 'tier' ? `tier:${form.min_tier_rank}` : form.visibility;
  function setAudience(value: string) {
    if (value.startsWith('tier:')) {
      setForm((previous) => ({ ...previous, visibility: 'tier', min_tier_rank: Number(value.slice(5)) }));
    } else setForm((previous) => ({ ...previous, visibility: value as 'public' | 'members', min_tier_rank: 0 }));
  }

  async function submit(event: Event) {
    event.preventDefault();
    setFormError(null);
    // The last save's "Published." beside this one's refusal read as both.
    setNotice(null);
    const checked = postFormSchema.safeParse({ ...form, has_attachments: (editing ? editing.attachments.length : chosen.length) > 0 });
    if (!checked.success) return setErrors(lengthsSaid(zodErrors(checked.error)));
    // The last check's errors spoke of values that now pass: shown beside the outcome, they contradicted it.
    setErrors({});
    saves.saving();
    setBusy(true);
    const saved: SavedWithFiles = !editing && chosen.length ? await savePostWithFiles(store.id, checked.data, chosen) : await savePost(store.id, editing, checked.data);
    setBusy(false);
    // Nothing saved: the files field says which files and why, as it did when they were chosen.
    if (filesRefused(saved)) return;
    if (keptAsDraft(saved)) {
      // Kept as a draft with the files uploaded: the form is that draft's now, so the next save
      // changes it rather than making a second post.
      setChosen([]);
      setEditing(saved.draft);
      await posts.reloadAfterWrite();
      if (saved.failed.length) {
        // The user's choice of when stays: the message asks them to publish or schedule it next.
        setForm((previous) => ({ ...formOf(saved.draft), when: previous.when, publish_at: previous.publish_at }));
        return setFormError(failure('uploadFailedDraft', saved.failed));
      }
    }
    if (!saved.ok) {
      // A post changed in another tab since (its last file taken, say) is refused as such, before
      // the database's rules could refuse what the form checked against the post as read.
      if (changedOrGone(saved.error)) return;
      const mapped = apiErrors(saved.error, postFields);
      setErrors(mapped.fields);
      return setFormError(mapped.form);
    }
    setChosen([]);
    setEditing(saved.data);
    setForm(formOf(saved.data));
    setNotice(t(savedNoticeKey(saved.data, editing), { date: saved.data.publish_at ? formatDate(saved.data.publish_at, locale, true) : '' }));
    await posts.reloadAfterWrite();
  }

  /**
   * A title or text over its limit says the limit and its length ("Too long." said neither), as
   * counted when checked: a sentence changing as the text is edited would show the hidden error again.
   */
  function lengthsSaid(found: FieldErrors): FieldErrors {
    const said = { ...found };
    for (const field of ['title', 'body'] as const) {
      if (found[field] === 'vTooLong') said[field] = t('vTooLongCount', { max: formatNumber(postLimits[field], locale), count: formatNumber(postTextLength(form, field), locale) });
    }
    return said;
  }

  /** A write refused because someone else changed the post since it was read (Reload is offered) or deleted it: said, and whether it was so. */
  const changedOrGone = (error: ApiError) => saves.refused(error, t('postChangedSince'));

  /** Every file refused, each by name, reason and limit: one said alone, more counted first. */
  function failure(key: 'uploadFailed' | 'uploadFailedDraft', failed: FailedFile[]): string {
    return t(pluralKey(key, failed.length, locale, true), {
      count: failed.length, name: isolate(failed[0]!.name),
      reasons: joinSentences(failed.map((file) => uploadRefusal(file, attachmentUpload, staff, locale)), locale),
    });
  }
  // Why the bucket would refuse each chosen file (null: it goes up), from the moment it is chosen
  // until it is removed: said at its row, beside its Remove button, where a phone's reader sees
  // which file it is; counted apart on the input's line; named once at the field, its one alert. A
  // save with any of them writes nothing (savePostWithFiles).
  const problems = editing ? [] : chosen.map((file) => uploadCheck(file, attachmentUpload));
  const refused = chosen.filter((_, index) => problems[index]);
  const accepted = chosen.length - refused.length;
  const toUpload = accepted ? t(pluralKey('filesToUpload', accepted, locale), { count: accepted }) : null;
  const notUploaded = refused.length ? t(pluralKey('filesNotUploaded', refused.length, locale), { count: refused.length }) : null;
  const chosenStatus = toUpload && notUploaded ? t('filesChosenStatus', { upload: toUpload, refused: notUploaded }) : (toUpload ?? notUploaded ?? undefined);

  async function upload(files: FileList | null) {
    if (!editing || !files?.length) return;
    setBusy(true);
    setFormError(null);
    const { post, failed, error } = await addAttachments(store.id, editing, Array.from(files));
    setEditing(post);
    setBusy(false);
    if (error && changedOrGone(error)) return;
    if (failed.length) setFormError(failure('uploadFailed', failed));
    await posts.reloadAfterWrite();
  }

  async function detach(path: string) {
    if (!editing) return;
    setBusy(true);
    // A refusal beside the last save's "Published." read as both; the last refusal goes, so the
    // same words given again are a new alert, said again.
    setNotice(null);
    setFormError(null);
    const saved = await removeAttachment(editing, path);
    setBusy(false);
    setConfirming(null);
    if (!saved.ok && changedOrGone(saved.error)) return;
    if (!saved.ok) return setFormError(refusedAsEmpty(saved.error) ? t('vBodyToPublish') : apiMessage(saved.error));
    removedAt.current = editing.attachments.findIndex((file) => file.path === path);
    setEditing(saved.data);
  }

  async function download(file: Attachment) {
    setFormError(null);
    const link = await attachmentUrl(file);
    if (link.ok) window.location.assign(link.data);
    else setFormError(apiMessage(link.error));
  }

  async function remove() {
    if (!editing) return;
    setBusy(true);
    const done = await deletePost(editing);
    setBusy(false);
    setConfirming(null);
    if (!done.ok) return setFormError(apiMessage(done.error));
    deleted.current = true;
    open(null);
    setNotice(t('postDeleted', { title: editing.title }));
    await posts.reloadAfterWrite();
  }

  // The syntax's examples as code, each kept on one line ("- lists" split at its hyphen).
  const examples = { bold: t('mdBold'), italic: t('mdItalic'), heading: t('mdHeading'), list: t('mdList'), link: t('mdLink') };
  const bodyHint = interpolateParts(t('bodyHint'), Object.fromEntries(Object.entries(examples).map(([name, example]) => [name, <code key={name} class="nowrap">{example}</code>])));
  // The store's highest tier has none above it: "Only VIP", as the feed's teaser says, not "VIP and above".
  const topRank = Math.max(...tiers.map((x) => x.rank));
  const tierAudience = (rank: number) =>
    t(rank === topRank ? 'audienceTierTop' : 'audienceTier', { tier: tiers.find((x) => x.rank === rank)?.name ?? String(rank) });
  const audienceLabel = (post: Post) => (post.visibility === 'tier' ? tierAudience(post.min_tier_rank) : t(`audience_${post.visibility}`));
  // The button says what saving does: publish, schedule, keep a draft (taking down a post out), or save a post already out.
  const published = editing !== null && postStatus(editing) === 'published';
  const submitLabel = form.when === 'draft' ? t(published ? 'unpublish' : 'saveDraft') : form.when === 'schedule' ? t('schedule') : published ? t('saveChanges') : t('publish');
  const setWhen = (when: PostForm['when']) => set('when', when);

  return (
    <div class="growth-grid">
      <h1>{t('postsConsoleTitle')}</h1>
      <LoadState state={posts}>
        {(list) => (
          <section aria-label={t('postsListLabel')}>
            <DataTable
              caption={t('postsListLabel')}
              rows={list}
              rowKey={(p) => p.id}
              selectedKey={editing?.id ?? null}
              onActivate={choose}
              empty={t('noPosts')}
              columns={[
                // A title of one long word (a product's name run together) breaks inside it: on a phone it ran past its row, cut.
                { key: 'title', header: t('colTitle'), breaks: true, cell: (p) => <button type="button" class="link-button" lang={p.locale} onClick={() => choose(p)}>{p.title}</button> },
                { key: 'kind', header: t('colKind'), cell: (p) => t(`kind_${p.kind}`) },
                { key: 'language', header: t('colLanguage'), cell: (p) => t(`lang_${p.locale.replace('-', '')}` as never) },
                { key: 'audience', header: t('colAudience'), cell: (p) => <span class="phrase">{audienceLabel(p)}</span> },
                {
                  // A post out already reads as published, one to come as scheduled: "Publish on" read as a task.
                  key: 'date', header: t('colPublished'),
                  cell: (p) => {
                    const status = postStatus(p);
                    if (status === 'draft') return <strong>{t('draft')}</strong>;
                    const when = dateTimeText('date', p.publish_at!, locale);
                    return status === 'scheduled' ? interpolateParts(t('scheduledFor'), { date: when }) : when;
                  },
                },
              ]}
            />
            {editing && <p><button type="button" class="primary" onClick={() => choose(null)}>{t('newPost')}</button></p>}
          </section>
        )}
      </LoadState>

      <section aria-labelledby="post-editor-title">
        <h2 id="post-editor-title" tabIndex={-1}>{editing ? t('editPost') : t('newPost')}</h2>
        <RereadNote reloaded={t('postReread')} changes={saves.changes} label={(part) => t(partLabels[part])} />
        <CheckedForm key={opened} check={errors} class="growth-form" onSubmit={submit} onUnsaved={discard.changed}>
          <Field id="post-title" label={t('colTitle')} error={message('title')}>
            {(aria) => <input {...aria} value={form.title} maxLength={postLimits.title} lang={form.locale} onInput={(e) => set('title', e.currentTarget.value)} />}
          </Field>
          <div class="row">
            <Field id="post-kind" label={t('colKind')} error={message('kind')}>
              {(aria) => (
                <select {...aria} value={form.kind} onChange={(e) => set('kind', e.currentTarget.value as PostForm['kind'])}>
                  {postKinds.map((k) => <option key={k} value={k}>{t(`kind_${k}`)}</option>)}
                </select>
              )}
            </Field>
            <Field id="post-locale" label={t('colLanguage')} error={message('locale')}
              hint={joinSentences([t('languageHint'), !editing && t('languageNewHint', { language: t(`lang_${locale.replace('-', '')}` as never) })], locale)}>
              {(aria) => (
                <select {...aria} value={form.locale} onChange={(e) => set('locale', e.currentTarget.value as PostForm['locale'])}>
                  {postLocales.map((l) => <option key={l} value={l}>{t(`lang_${l.replace('-', '')}` as never)}</option>)}
                </select>
              )}
            </Field>
          </div>
          <Field id="post-audience" label={t('colAudience')} error={message('min_tier_rank') ?? message('visibility')}>
            {(aria) => (
              <select {...aria} value={audience} onChange={(e) => setAudience(e.currentTarget.value)}>
                <option value="public">{t('audience_public')}</option>
                <option value="members">{t('audience_members')}</option>
                {tiers.filter((x) => x.rank > 0).map((x) => <option key={x.id} value={`tier:${x.rank}`}>{tierAudience(x.rank)}</option>)}
              </select>
            )}
          </Field>
          {/* Radios, each named in words; the time is asked for under "Schedule" only when it is chosen. */}
          <FieldSet id="post-when" legend={t('whenLegend')}>
            <div class="checks">
              <label class="check">
                <input type="radio" name="post-when" checked={form.when === 'now'} onChange={() => setWhen('now')} />
                {published ? t('keepPublished', { date: formatDate(editing.publish_at!, locale, true) }) : t('publishNow')}
              </label>
              <label class="check">
                <input type="radio" name="post-when" checked={form.when === 'schedule'} onChange={() => setWhen('schedule')} /> {t('scheduleAt')}
              </label>
              {form.when === 'schedule' && (
                <DateField id="post-date" class="when-time" time label={t('colPublish')} error={message('publish_at')} value={form.publish_at} onValue={(at) => set('publish_at', at)} />
              )}
              <label class="check">
                <input type="radio" name="post-when" checked={form.when === 'draft'} onChange={() => setWhen('draft')} /> {t('saveAsDraft')}
              </label>
            </div>
          </FieldSet>
          {/* No maxLength: a paste cut at the limit would lose a report's end unseen; the check says the limit and the length. */}
          <Field id="post-body" label={t('postBody')} hint={bodyHint} error={message('body')}>
            {(aria) => <textarea {...aria} rows={12} value={form.body} lang={form.locale} onInput={(e) => set('body', e.currentTarget.value)} />}
          </Field>
          {/* A new post's files go with its save: inside the form, so that a file refused takes the
              keyboard there as any field in error does, and files chosen are unsaved as text typed. */}
          {!editing && (
            <section class="post-files" aria-labelledby="post-files-title">
              <h3 id="post-files-title">{t('attachments')}</h3>
              {chosen.length > 0 && (
                <ul class="attachment-list" ref={chosenList}>
                  {chosen.map((file, index) => {
                    const problem = problems[index];
                    const why = `post-file-${index}-refused`;
                    return (
                      <li key={`${index}-${file.name}`}>
                        {file.name}<span class="muted">{parenthetical(uploadSize(file.size, locale), locale)}</span>{' '}
                        {/* Not uploaded yet: taking it off the list loses nothing, so it asks nothing. */}
                        <button type="button" class="danger-outline" disabled={busy} aria-label={t('removeFile', { name: file.name })} aria-describedby={problem ? why : undefined}
                          onClick={() => { setChosen(chosen.filter((_, other) => other !== index)); setFocusChosen(index); }}>
                          {t('remove')}
                        </button>
                        {problem && <p id={why} class="field-error">{uploadRefusal({ name: file.name, size: file.size, problem }, attachmentUpload, staff, locale)}</p>}
                      </li>
                    );
                  })}
                </ul>
              )}
              {/* Its error speaks of the list as it is, shown while a refused file is listed and said
                  again only when the files refused change (ofList); each named as its row names it. */}
              <Field id="post-files" label={t('addFiles')} hint={joinSentences([t('filesHint'), t('filesWithNewPost')], locale)} announce ofList
                error={refused.length ? t(pluralKey('filesRefused', refused.length, locale, true), { names: formatListParts(refused.map((file) => file.name), locale, (name) => t('fileNameQuoted', { name: isolate(name) })).join('') }) : null}>
                {(aria) => (
                  <FileInput aria={aria} multiple disabled={busy} accept={fileTypes}
                    status={chosenStatus}
                    onChange={(e) => { setChosen([...chosen, ...Array.from(e.currentTarget.files ?? [])]); e.currentTarget.value = ''; }} />
                )}
              </Field>
            </section>
          )}
          <FormError message={formError} />
          {saves.stale && (
            <div class="actions">
              <BusyButton type="button" busy={busy} onClick={() => void saves.readAgain()}>{t('reloadPost')}</BusyButton>
            </div>
          )}
          <div class="actions">
            <BusyButton type="submit" class="primary" busy={busy}>{submitLabel}</BusyButton>
            <button type="button" aria-expanded={preview} aria-controls="post-preview" onClick={() => setPreview(!preview)}>
              {preview ? t('hidePreview') : t('showPreview')}
            </button>
            {editing && <button type="button" class="danger-outline" disabled={busy} onClick={() => ask({ kind: 'post' })}>{t('deletePost')}</button>}
            <Notice text={notice} line={noticeLine} />
          </div>
          {preview && (
            <section id="post-preview" class="notice" aria-labelledby="post-preview-title">
              <h3 id="post-preview-title">{t('previewTitle')}</h3>
              {/* The title above its text, as members read the post; with neither, what to write rather than an empty box. */}
              {form.title.trim() && <h4 lang={form.locale}>{form.title}</h4>}
              {form.title.trim() || form.body.trim() ? <Markdown source={form.body} lang={form.locale} /> : <p class="muted">{t('previewEmpty')}</p>}
            </section>
          )}
        </CheckedForm>

        {editing && (
          <section class="post-files" aria-labelledby="post-files-title">
            <h3 id="post-files-title">{t('attachments')}</h3>
            {editing.attachments.length === 0 && <p class="empty">{t('noAttachments')}</p>}
            <ul class="attachment-list" ref={attachedList}>
              {editing.attachments.map((file) => (
                <li key={file.path}>
                  <button type="button" class="link-button" onClick={() => void download(file)}>{file.name}</button>
                  {file.size !== undefined && <span class="muted">{parenthetical(uploadSize(file.size, locale), locale)}</span>}{' '}
                  <button type="button" class="danger-outline" disabled={busy} aria-label={t('removeFile', { name: file.name })} onClick={() => ask({ kind: 'file', path: file.path, name: file.name })}>
                    {t('remove')}
                  </button>
                </li>
              ))}
            </ul>
            <Field id="post-files" label={t('addFiles')} hint={t('filesHint')}>
              {(aria) => (
                <FileInput aria={aria} multiple disabled={busy} accept={fileTypes}
                  onChange={(e) => { void upload(e.currentTarget.files); e.currentTarget.value = ''; }} />
              )}
            </Field>
          </section>
        )}
      </section>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming?.kind === 'file' ? t('removeFileTitle') : t('deletePostTitle')}
        confirmLabel={confirming?.kind === 'file' ? t('removeFile', { name: confirming.name }) : t('deletePost')}
        cancelLabel={t('cancel')}
        busy={busy}
        onConfirm={() => void (confirming?.kind === 'file' ? detach(confirming.path) : remove())}
        onCancel={() => setConfirming(null)}
        returnFocus={afterConfirm}
      >
        <p>{confirming?.kind === 'file' ? t('removeFileBody', { name: confirming.name }) : t('deletePostBody', { title: editing?.title ?? '' })}</p>
      </ConfirmDialog>
      <DiscardDialog ask={discard} title={editing ? t('discardPostTitle', { title: isolate(editing.title) }) : t('discardNewPostTitle')} returnFocus={editorTitle} />
    </div>
  );
}
