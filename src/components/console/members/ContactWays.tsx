/**
 * The ways to reach a buyer's contact that their card gives (e-mail, phone, WhatsApp, WeChat), a
 * line each: on the member's page and beside an inquiry, where staff answer the question by the
 * channel the buyer gave ("so the merchant can reach you", the join form asked).
 */
import { interpolateParts } from '../../../i18n/format.ts';
import { emailAddress } from '../../email-address.tsx';
import { useOpsText } from '../ops-text.ts';

interface ContactChannels {
  email: string | null;
  phone: string | null;
  whatsapp: string | null;
  wechat: string | null;
}

export function ContactWays({ contact }: { contact: ContactChannels }) {
  const { t } = useOpsText();
  return (
    <ul class="plain">
      {/* Broken only before its "@": a table cell keeps words whole, and the address ran out of it on a
          phone. Named by the address itself: from its pieces Chromium named the link "name @host". */}
      {contact.email && <li><a href={`mailto:${contact.email}`} aria-label={contact.email}>{emailAddress('email', contact.email)}</a></li>}
      {/* A number whole: "+44 20 7946 / 0018" beside a squeezed cell's edge read as two. */}
      {contact.phone && <li>{interpolateParts(t('contactPhone'), { value: <span key="value" class="nowrap">{contact.phone}</span> })}</li>}
      {contact.whatsapp && <li>{interpolateParts(t('contactWhatsapp'), { value: <span key="value" class="nowrap">{contact.whatsapp}</span> })}</li>}
      {contact.wechat && <li>{t('contactWechat', { value: contact.wechat })}</li>}
    </ul>
  );
}
