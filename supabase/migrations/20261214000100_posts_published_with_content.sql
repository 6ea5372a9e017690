/**
 * A post that is out, or scheduled to come out, has its text or a file: members are never shown a
 * title over nothing. Until now only the console refused to publish or schedule such a post; any
 * other client (the API, a script with the staff's token) could. Drafts (`publish_at` null) may be
 * empty: staff save one to attach files to it, since a file goes into the folder of a post that
 * exists (`<store_id>/<post_id>/…`) and is then listed in the row's `attachments`.
 *
 * A post is written in one language (`locale`) and its title is required already, so its text is
 * its body. A body of white space alone is none, as the console's check has it (JavaScript's
 * String.prototype.trim): the characters of WhiteSpace and LineTerminator below, no more, so the
 * console's check and this one refuse exactly the same posts.
 *
 * A trigger rather than a CHECK constraint: the refusal names the field and says what to do, as
 * private.reject does for every input rule, where a constraint would name itself; and a post
 * published empty before this rule is left as it is (a constraint would have to refuse the
 * migration or be NOT VALID) until staff change its text, its files or its time (a change, not a
 * column merely sent again: the console sends the body with every save, and a title corrected on
 * such a post went on), which must then satisfy the rule. Which covers every way a post can lose its content while out: its body emptied,
 * its last file taken off (the console removes the row's entry before the stored object, so the
 * refusal leaves the file in place), or an empty draft published or scheduled.
 */
create function private.post_has_content()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.publish_at is null
     or new.body ~ '[^\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]'
     or new.attachments is distinct from '[]'::jsonb then
    return new;
  end if;
  -- The change that emptied it: its last file taken off a post whose text was already none is
  -- the file's refusal; anything else (the body emptied, an empty draft given a time) the body's.
  if tg_op = 'UPDATE' and old.attachments is distinct from '[]'::jsonb and new.body is not distinct from old.body then
    perform private.reject('attachments',
      'must keep at least one file while the post is published or scheduled without text: write its text first, or make it a draft');
  end if;
  perform private.reject('body',
    'is required to publish or schedule a post without attachments: write its text, or attach a file to the draft first');
end
$$;
revoke execute on function private.post_has_content() from public;

-- After the row is written, so that row security has refused a caller without rights first (a
-- BEFORE trigger answered them about the post's text) and posts_come_out_now has set its time.
create trigger posts_have_content
  after insert on public.posts
  for each row execute function private.post_has_content();
create trigger posts_keep_content
  after update of publish_at, body, attachments on public.posts
  for each row
  when (old.publish_at is distinct from new.publish_at or old.body is distinct from new.body or old.attachments is distinct from new.attachments)
  execute function private.post_has_content();
