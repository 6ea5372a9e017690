/**
 * A ship-to address as the member writes it, for a free sample (Catalogue) and for a reward the
 * store sends (Points): the fields claim_sample and redeem_reward take (parse_ship_to), and where
 * a new address starts from.
 */
import { fetchSampleClaims } from '../../lib/member-api.ts';
import { useSectionText } from '../use-text.ts';
import { Field, useCountryChoices, type FormErrors } from './forms.tsx';
import { useCompany, useMemberResource, useMembership } from './use-member.ts';

export const addressFields = ['name', 'company', 'line1', 'line2', 'city', 'region', 'postal_code', 'country', 'phone'] as const;
type AddressField = (typeof addressFields)[number];
const required = new Set<AddressField>(['name', 'line1', 'city', 'country', 'phone']);

/**
 * Where a new address starts: the company's last full sample address (a company has its parcels
 * sent to the same place), else the company and its country; the recipient as the member asking
 * last wrote it, or, when a colleague asked last, the member's own name and phone (or WhatsApp)
 * from their card, not the colleague's. The same requests as the Samples and Company sections.
 */
export function useShipToDefaults(slug: string): Partial<Record<AddressField, string | undefined>> {
  const { locale } = useSectionText('member');
  const membership = useMembership(slug);
  const data = membership.state.status === 'ready' ? membership.state.data : null;
  const memberId = data?.member.id ?? null;
  const claims = useMemberResource('claims', slug, memberId, ({ token, part }) => fetchSampleClaims(token, part, locale));
  const company = useCompany(slug);
  if (!data) return {};
  const me = company.state.status === 'ready' ? company.state.data.contacts.find((contact) => contact.id === data.contact.id) : undefined;
  const recipient = { name: data.contact.full_name, phone: me?.phone ?? me?.whatsapp ?? undefined };
  // Newest first; an address cleared to its country (its contact left) is no place to send to.
  const last = claims.state.status === 'ready' ? claims.state.data.find((claim) => typeof claim.ship_to['line1'] === 'string') : undefined;
  if (!last) return { ...recipient, company: data.member.company_name, country: data.member.country ?? undefined };
  const fields = last.contact_id === data.contact.id ? addressFields : addressFields.filter((field) => field !== 'name' && field !== 'phone');
  return { ...recipient, ...Object.fromEntries(fields.flatMap((field) => (typeof last.ship_to[field] === 'string' ? [[field, last.ship_to[field]]] : []))) };
}

/** The address's fields, ids under `uid` (unique on the page), started from useShipToDefaults. */
export function ShipToFields({ slug, uid, errors }: { slug: string; uid: string; errors: FormErrors }) {
  const { t } = useSectionText('member');
  const defaults = useShipToDefaults(slug);
  const countries = useCountryChoices();
  return (
    <>
      {addressFields.map((field) => (
        <Field
          key={field}
          id={`${uid}-${field}`}
          name={field}
          label={t(`ship_${field}`)}
          required={required.has(field)}
          autocomplete={field === 'phone' ? 'tel' : field === 'country' ? 'country' : undefined}
          // Why a parcel needs a phone, and the one format every carrier dials from abroad.
          {...(field === 'phone' ? { type: 'tel', hint: t('ship_phoneHint') } : {})}
          options={field === 'country' ? countries : undefined}
          defaultValue={defaults[field]}
          errors={errors}
        />
      ))}
    </>
  );
}
