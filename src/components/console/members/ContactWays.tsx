/**
 * The ways to reach a buyer's contact that their card gives (e-mail, phone, WhatsApp, WeChat), a
 * line each: on the member's page and beside an inquiry, where staff answer the question by the
 * channel the buyer gave ("so the merchant can reach you", the join form asked).
 */
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
      {contact.phone && <li>{t('contactPhone', { value: contact.phone })}</li>}
      {contact.whatsapp && <li>{t('contactWhatsapp', { value: contact.whatsapp })}</li>}
      {contact.wechat && <li>{t('contactWechat', { value: contact.wechat })}</li>}
    </ul>
  );
}
