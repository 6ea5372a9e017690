/**
 * The merchant's business card, what a buyer gets for theirs: contact and title, e-mail, phone,
 * WhatsApp, WeChat, address, website and logo, one-tap mail/WhatsApp/call links, the WeChat ID
 * to copy (WeChat has no link that opens a chat), a vCard to save and a QR code of the same card
 * for a phone. Shared by the join's welcome, the portal's store page and My
 * membership (portal and widget frame). Everything is merchant text, rendered as text.
 */
import { Fragment } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { interpolateParts } from '../../i18n/format.ts';
import { CopyButton } from '../CopyButton.tsx';
import { merchantName } from '../merchant-name.tsx';
import { useSectionText } from '../use-text.ts';
import { logoUrl } from '../../lib/public-api.ts';
import { breakAfter, cardActions, websiteText, type CardAction } from './card-lines.ts';
import type { MerchantCardData } from './join-api.ts';
import { QrCode } from './QrCode.tsx';
import { buildVCard, vcardFileName } from './vcard.ts';

export interface MerchantCardProps {
  storeName: string;
  /** The language `storeName` is written in. */
  storeNameLang: string;
  storeSlug: string;
  card: MerchantCardData | null;
  /**
   * Heading level of the card's title in the surrounding page; null: no title of its own, under a
   * heading that names the card already (My membership's section, titled as the card would be).
   */
  headingLevel?: 2 | 3 | null;
}

const digits = (value: string) => value.replace(/\D/g, '');

/** A value kept on one line where the line has room for it (a phone number), else in pieces cut after `after`. */
function Whole({ text, after = '' }: { text: string; after?: string }) {
  return <>{(after ? breakAfter(text, after) : [text]).map((piece, index) => <span key={index} class="whole">{piece}</span>)}</>;
}

export function MerchantCard({ storeName, storeNameLang, storeSlug, card, headingLevel = 2 }: MerchantCardProps) {
  const { t, locale } = useSectionText('join');
  const Heading = headingLevel === null ? null : headingLevel === 2 ? 'h2' : 'h3';
  // Untitled, a part of the section around it rather than a section of its own.
  const Outer = Heading ? 'section' : 'div';
  const vcard = useMemo(() => {
    if (!card) return null;
    const input = {
      name: card.contact_name ?? storeName,
      organisation: storeName,
      title: card.contact_title,
      email: card.email,
      phone: card.phone,
      whatsapp: card.whatsapp,
      wechat: card.wechat,
      website: card.website,
      address: card.address,
      logoUrl: card.logo_path ? logoUrl(card.logo_path) : null,
    };
    // The QR code leaves the logo's address out: it would only make the code denser to scan.
    return { file: buildVCard(input), qr: buildVCard(input, { withLogo: false }) };
  }, [card, storeName]);
  const [download, setDownload] = useState<string | null>(null);
  useEffect(() => {
    if (!vcard) return;
    const url = URL.createObjectURL(new Blob([vcard.file], { type: 'text/vcard;charset=utf-8' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [vcard]);

  if (!card || !vcard) {
    return <p class="muted">{interpolateParts(t('noMerchantCard'), { store: merchantName('store', storeName, storeNameLang) })}</p>;
  }
  const lang = (field: string | null) => field ?? undefined;
  const actions = cardActions(card, locale);
  const buttonClass = (action: CardAction) => (action === actions[0] ? 'button' : 'button secondary');
  const action = (name: CardAction) => {
    switch (name) {
      case 'wechat':
        // Refused, the ID is selected where the card shows it, and the status line under the button says so.
        return (
          <CopyButton text={card.wechat!} label={t('copyWechat')} copied={t('wechatCopied')} failed={t('wechatCopyFailed')}
            shown={{ within: '.merchant-business-card', holder: '.wechat-id' }} class={buttonClass('wechat')} />
        );
      case 'whatsapp':
        return (
          <a class={buttonClass('whatsapp')} href={`https://wa.me/${digits(card.whatsapp!)}`} target="_blank" rel="noopener noreferrer">
            {t('whatsappLink')}
          </a>
        );
      case 'email':
        return (
          <a class={buttonClass('email')} href={`mailto:${encodeURIComponent(card.email!).replace('%40', '@')}`}>
            {t('mailLink')}
          </a>
        );
      case 'phone':
        return (
          <a class={buttonClass('phone')} href={`tel:${card.phone!.replace(/[^\d+]/g, '')}`}>
            {t('callLink')}
          </a>
        );
      case 'vcard':
        return (
          download && (
            <a class={buttonClass('vcard')} href={download} download={vcardFileName(storeName, storeSlug)}>
              {t('downloadVcard')}
            </a>
          )
        );
    }
  };
  return (
    <Outer class="merchant-business-card" aria-labelledby={Heading ? 'merchant-card-title' : undefined}>
      <div class="merchant-card-head">
        {/* A logo's text is the store's name: said alone, in the language it is written in (an alt
            attribute holds one language, and "Logotipo de Lumina Hair Co." would read it as Spanish). */}
        {card.logo_path && <img class="merchant-logo" src={logoUrl(card.logo_path)} alt={storeName} lang={storeNameLang} width={56} height={56} />}
        <div>
          {Heading && <Heading id="merchant-card-title">{interpolateParts(t('merchantCardTitle'), { store: merchantName('store', storeName, storeNameLang) })}</Heading>}
          {card.title && <p lang={lang(card.title_lang)}>{card.title}</p>}
        </div>
      </div>
      <dl class="merchant-card-fields">
        {card.contact_name && (
          <div class="merchant-contact">
            <dt class="visually-hidden">{t('fullName')}</dt>
            <dd>
              <strong>{card.contact_name}</strong>
              {card.contact_title && <span lang={lang(card.contact_title_lang)}> · {card.contact_title}</span>}
            </dd>
          </div>
        )}
        {card.email && (
          <div>
            <dt>{t('email')}</dt>
            <dd>
              <Whole text={card.email} after="@." />
            </dd>
          </div>
        )}
        {card.phone && (
          <div>
            <dt>{t('phone')}</dt>
            <dd>
              <Whole text={card.phone} />
            </dd>
          </div>
        )}
        {card.whatsapp && (
          <div>
            <dt>{t('whatsapp')}</dt>
            <dd>
              <Whole text={card.whatsapp} />
            </dd>
          </div>
        )}
        {card.wechat && (
          <div>
            <dt>{t('wechat')}</dt>
            <dd>
              <span class="whole wechat-id">
                {card.wechat}
              </span>
            </dd>
          </div>
        )}
        {card.address && (
          <div>
            <dt>{t('addressLabel')}</dt>
            <dd class="pre-line" lang={lang(card.address_lang)}>
              {card.address}
            </dd>
          </div>
        )}
        {card.website && (
          <div>
            <dt>{t('website')}</dt>
            <dd>
              <a href={card.website} target="_blank" rel="noopener noreferrer">
                <Whole text={websiteText(card.website)} after="./" />
              </a>
            </dd>
          </div>
        )}
      </dl>
      <div class="merchant-card-actions">
        {actions.map((name) => (
          <Fragment key={name}>{action(name)}</Fragment>
        ))}
      </div>
      <figure class="merchant-qr">
        {/* Named without the store, which the section's heading names in its own language: an
            attribute cannot mark it, and inside this card "this business card" says which. */}
        <QrCode value={vcard.qr} label={t('qrLabel')} />
        <figcaption>{t('qrCaption')}</figcaption>
      </figure>
    </Outer>
  );
}
