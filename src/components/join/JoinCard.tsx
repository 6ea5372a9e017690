/**
 * Joining by exchanging business cards: the buyer fills in their card, confirms the e-mail with
 * the 6-digit code (unless already signed in with that address), `exchange_cards` makes their
 * company an ordinary member, and they get the merchant's card and their gift pack in return.
 * Shared by the widget frame and the portal's store page. The exchange in progress outlives the
 * page (pending.ts): a card sent and then confirmed by signing in with its address, in this tab
 * or another, is exchanged as soon as the card opens again.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { interpolateParts } from '../../i18n/format.ts';
import { supabase } from '../../lib/supabase.ts';
import { sendEmailCode } from '../../stores/session.ts';
import { authFailureKind } from '../auth-failure.ts';
import { focusOn, focusRefusal, refusalScope } from '../form-focus.ts';
import { authRefusal } from '../member/refusals.ts';
import { merchantName } from '../merchant-name.tsx';
import { TierCard } from '../TierCard.tsx';
import { useSectionText, useText } from '../use-text.ts';
import { cardFields, cardSchema, purchaseVolumes, volumeLabel, type Card } from './card-schema.ts';
import { CodeStep } from './CodeStep.tsx';
import { countriesFirst } from '../../i18n/countries.ts';
import { CheckField, FormAlert, RadioField, SelectField, SentCodeOffer, TextField, currentValues, useJoinForm, valuesOf } from './form.tsx';
import { GiftPack } from './GiftPack.tsx';
import { GiftPackContents } from './GiftPackContents.tsx';
import { exchangeCards, type StoreWithCard } from './join-api.ts';
import { MerchantCard } from './MerchantCard.tsx';
import { refusedCodeSentAt } from './code-timing.ts';
import { cardInput, clearPending, codeLivesFor, readPending, savePending, waitingCard, type Draft, type Sent } from './pending.ts';

export interface JoinCardProps {
  store: StoreWithCard;
  /** The signed-in login's address, if any: a card with the same address needs no code. */
  signedInEmail: string | null;
  /** After the exchange: `joined` is false when the login was already a member. */
  onJoined?: (joined: boolean) => void;
  onSignInInstead?: () => void;
  /** The exchange began at a product (a placement's Join): after joining, the way back to it. */
  onBackToProduct?: () => void;
  /** 1 where the card is its document's title (the widget frame), 2 under a page's h1; its sections one below. */
  headingLevel?: 1 | 2;
  /** False where the card opens with the page, not at the reader's press: its title then takes no focus as it opens. */
  focusOnOpen?: boolean;
}

/** Done: `packBefore` when the login had the store's gift pack before, so this join gave none. */
type Step = { name: 'card' } | { name: 'code'; card: Card; sentAt: number } | { name: 'done'; joined: boolean; packBefore: boolean };

export function JoinCard({ store, signedInEmail, onJoined, onSignInInstead, onBackToProduct, headingLevel = 2, focusOnOpen = true }: JoinCardProps) {
  const { t, locale } = useSectionText('join');
  const { tiersText } = useText();
  const slug = store.store.slug;
  const paused = store.store.joining_paused;
  const form = useJoinForm(cardSchema, cardFields);
  // A store taking no new members would refuse the exchange kept from before a reload: none is
  // restored (no code step, no automatic exchange) and the kept one goes, the card saying why.
  const [restored] = useState(() => (paused ? null : readPending(slug)));
  const signedInAs = (card: Card) => !!signedInEmail && signedInEmail.toLowerCase() === card.email.toLowerCase();
  // The card whose code the buyer was waiting for: its code step again, unless the buyer has
  // signed in with its address since (Member sign-in), which the code was to prove.
  const [waiting] = useState(() => restored && waitingCard(restored));
  const [step, setStep] = useState<Step>(() =>
    waiting && restored?.sent && !signedInAs(waiting) ? { name: 'code', card: waiting, sentAt: restored.sent.at } : { name: 'card' });
  const [draft, setDraft] = useState<Draft>(restored?.draft ?? { email: signedInEmail ?? '' });
  const sent = useRef<Sent | null>(restored?.sent ?? null);
  /** A new code refused for an address a code may have gone to: the buyer may enter that one. */
  const [offer, setOffer] = useState<{ values: Draft; card: Card; sent: Sent } | null>(null);
  const countries = countriesFirst(locale, navigator.languages ?? []);
  const heading = useRef<HTMLHeadingElement>(null);
  const cardForm = useRef<HTMLFormElement>(null);
  const shownStep = useRef<Step['name'] | null>(focusOnOpen ? step.name : null);
  // Each sentence's own copy: an element goes in one place of the page.
  const storeName = () => merchantName('store', store.store.name, store.store.name_lang);
  const Title = `h${headingLevel}` as const;
  const sectionLevel = (headingLevel + 1) as 2 | 3;

  // Each step takes the keyboard to its title as it opens (the code step to its own), where the
  // button that led there is gone. Back from the code step, to the field the buyer goes back for:
  // the one the exchange refused, else the e-mail.
  useEffect(() => {
    const from = shownStep.current;
    shownStep.current = step.name;
    if (step.name === 'code' || from === null) return;
    const card = from === 'code' ? cardForm.current : null;
    const target = card?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? card?.querySelector<HTMLElement>('[name="email"]') ?? heading.current;
    if (target) focusOn(target);
  }, [step.name]);

  useEffect(() => {
    if (paused) clearPending(slug);
    else if (waiting && signedInAs(waiting)) void form.run(() => exchange(waiting));
  }, []);

  /** Keeps the card as typed and the code sent (the last one, unless given) for after a reload. */
  function keep(values: Draft, code: Sent | null = sent.current) {
    sent.current = code;
    savePending(slug, { draft: values, sent: code });
  }

  function toCodeStep(values: Draft, card: Card, code: Sent) {
    keep(values, { ...code, waiting: true });
    setOffer(null);
    setStep({ name: 'code', card, sentAt: code.at });
  }

  function backToCard() {
    if (sent.current) keep(draft, { ...sent.current, waiting: false });
    setStep({ name: 'card' });
  }

  async function exchange(card: Card) {
    const result = await exchangeCards(supabase(), slug, card, locale);
    clearPending(slug);
    setStep({ name: 'done', joined: result.joined, packBefore: result.gift_pack_received_before });
    onJoined?.(result.joined);
  }

  function submit(event: SubmitEvent) {
    const raw = valuesOf(event);
    setDraft(raw);
    keep(raw);
    setOffer(null);
    const card = form.check(cardInput(raw));
    if (!card) return;
    const scope = refusalScope();
    void form.run(async () => {
      if (signedInAs(card)) return exchange(card);
      const result = await sendEmailCode(card.email);
      if (!result.ok) {
        // One code per address a minute: a code sent before is no dead end. This tab's while it
        // lives, or one sent before a reload that kept nothing (a frame given no storage), which
        // the address's refusal implies (or the project's e-mails are spent for the hour, when a
        // code the buyer has is still the way on); it went out when the refusal's wait says.
        const live = codeLivesFor(sent.current, card.email) ? sent.current : null;
        if (authFailureKind(result) === 'tooMany' && (live || result.code === 'over_email_send_rate_limit')) {
          setOffer({ values: raw, card, sent: live ?? { email: card.email, at: refusedCodeSentAt(result), waiting: true } });
          focusRefusal(scope);
          return;
        }
        throw authRefusal(result);
      }
      toCodeStep(raw, card, { email: card.email, at: Date.now(), waiting: true });
    });
  }

  if (step.name === 'code') {
    return (
      <CodeStep
        headingLevel={headingLevel}
        email={step.card.email}
        sentAt={step.sentAt}
        onSent={(at) => toCodeStep(draft, step.card, { email: step.card.email, at, waiting: true })}
        submitLabel={t('verifyAndJoin')}
        onChangeEmail={backToCard}
        onVerified={async () => {
          try {
            await exchange(step.card);
          } catch (error) {
            // Back to the card, with the refusal next to its field.
            backToCard();
            form.show(error);
          }
        }}
      />
    );
  }

  if (step.name === 'done') {
    // join_store makes a new company a member at rank 0, which every store has (the exchange went through).
    const tier = store.tiers.find((each) => each.rank === 0)!;
    return (
      <section aria-labelledby="joined-title" class="joined">
        <Title id="joined-title" ref={heading} tabIndex={-1}>
          {interpolateParts(t('joinedTitle'), { store: storeName() })}
        </Title>
        <p role="status">
          {step.joined
            ? interpolateParts(t('joinedIntro'), { tier: merchantName('tier', tier.name, tier.name_lang) })
            : interpolateParts(t('alreadyMember'), { store: storeName() })}
        </p>
        {step.joined && (
          <TierCard
            tier={tier}
            locale={locale}
            t={tiersText}
            currency={store.store.base_currency}
            samplePeriodDays={store.store.sample_period_days}
            pointsPerCurrencyUnit={store.store.points_per_currency_unit}
            current
            reach={false}
            Heading={`h${sectionLevel}`}
            headingId="joined-tier"
          />
        )}
        {step.joined && onBackToProduct && (
          <p>
            <button type="button" onClick={onBackToProduct}>
              {t('backToProduct')}
            </button>
          </p>
        )}
        {/* What the buyer received, never a pack they did not: a returning buyer is told why there is none. */}
        {step.joined && (step.packBefore ? store.gift_pack && <p>{t('giftReceivedBefore')}</p> : <GiftPack slug={store.store.slug} headingLevel={sectionLevel} />)}
        <MerchantCard storeName={store.store.name} storeNameLang={store.store.name_lang} storeSlug={store.store.slug} card={store.card} headingLevel={sectionLevel} />
      </section>
    );
  }

  // Said before a card is filled in; a pause that comes while the buyer types is the exchange's refusal (refusals.ts).
  if (paused) {
    return (
      <section aria-labelledby="join-title">
        <Title id="join-title" ref={heading} tabIndex={-1}>
          {t('pausedTitle')}
        </Title>
        <p class="notice">{interpolateParts(t('joiningPaused'), { store: storeName() })}</p>
        {/* Members are not affected: the way in stays. A signed-in reader of this card is no member
            (a member sees their standing instead), so nothing more is offered. */}
        {onSignInInstead && (
          <button type="button" class="link-button" onClick={onSignInInstead}>
            {t('signInInstead')}
          </button>
        )}
      </section>
    );
  }

  const field = (name: keyof Card) => ({ id: `join-${name}`, name, state: form.state, defaultValue: draft[name] ?? '' });
  const optional = t('optional');
  return (
    <section aria-labelledby="join-title">
      <Title id="join-title" ref={heading} tabIndex={-1}>
        {t('title')}
      </Title>
      <p>{interpolateParts(t('intro'), { store: storeName() })}</p>
      {/* What joining gives, before the buyer decides; nothing for a store without a pack, and
          no offer to a login that had it (join_store would give none): said before, not after. */}
      {store.gift_pack && (store.gift_pack_received_before ? (
        <p class="notice">{t('giftReceivedBefore')}</p>
      ) : (
        <GiftPackContents
          points={store.gift_pack.points}
          coupons={store.gift_pack.coupons}
          headingLevel={sectionLevel}
        />
      ))}
      <form ref={cardForm} class="stack join-form" onSubmit={submit} onInput={(event) => keep(currentValues(event.currentTarget))} noValidate>
        <fieldset>
          <legend>{t('cardLegend')}</legend>
          <TextField {...field('full_name')} label={t('fullName')} autocomplete="name" required />
          <TextField {...field('company_name')} label={t('company')} autocomplete="organization" required />
          <TextField {...field('job_title')} label={t('jobTitle')} autocomplete="organization-title" optionalLabel={optional} />
          <TextField {...field('email')} type="email" label={t('email')} autocomplete="email" required />
          <p class="field-hint" id="join-contact-hint">
            {t('contactHint')}
          </p>
          <TextField {...field('phone')} type="tel" label={t('phone')} autocomplete="tel" describedBy="join-contact-hint" />
          <TextField {...field('whatsapp')} type="tel" label={t('whatsapp')} hint={t('whatsappHint')} describedBy="join-contact-hint" />
          <TextField {...field('wechat')} label={t('wechat')} describedBy="join-contact-hint" />
          <SelectField
            {...field('country')}
            label={t('country')}
            required
            options={[{ value: '', label: t('countryChoose') }, ...countries.map((c) => ({ value: c.code, label: c.name }))]}
          />
          <TextField {...field('website')} type="url" label={t('website')} autocomplete="url" optionalLabel={optional} />
          <TextField {...field('industry')} label={t('industry')} optionalLabel={optional} />
          <RadioField
            {...field('purchase_volume')}
            label={t('purchaseVolume')}
            options={[
              { value: '', label: t('volumeNone') },
              // Written as the reader's region writes amounts: "Menos de 10.000 US$" sat beside "USD 10,000" in Mexico.
              ...purchaseVolumes.map((volume) => ({ value: volume, label: volumeLabel(volume, locale, t) })),
            ]}
          />
          <TextField {...field('product_categories')} label={t('categories')} hint={t('categoriesHint')} optionalLabel={optional} />
          <CheckField
            id="join-contact_consent"
            name="contact_consent"
            label={interpolateParts(t('consent'), { store: storeName() })}
            hint={t('consentHint')}
            defaultChecked={draft.contact_consent === 'yes'}
          />
        </fieldset>
        <FormAlert state={form.state} />
        {offer && <SentCodeOffer email={offer.sent.email} onEnter={() => toCodeStep(offer.values, offer.card, offer.sent)} />}
        <button type="submit" disabled={form.busy}>
          {form.busy ? t('sending') : t('submit')}
        </button>
        {onSignInInstead && (
          <button type="button" class="link-button" onClick={onSignInInstead}>
            {t('signInInstead')}
          </button>
        )}
      </form>
    </section>
  );
}
