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

type Address = Partial<Record<AddressField, string | undefined>>;

/**
 * Where a new address starts: the company's last full sample address (a company has its parcels
 * sent to the same place), each field it left blank from the cards (`cards`: the company's name
 * and country, the member's own name and phone): a sample sent without a company name left the
 * next form's Company empty though the company's card has it. The recipient's name and phone as
 * the member asking last wrote them, or, when a colleague asked last, the member's own from their
 * card, not the colleague's.
 */
export function startingAddress(cards: Address, last: { ship_to: Record<string, unknown>; mine: boolean } | undefined): Address {
  if (!last) return cards;
  const fields = last.mine ? addressFields : addressFields.filter((field) => field !== 'name' && field !== 'phone');
  const written = fields.flatMap((field) => {
    const value = last.ship_to[field];
    return typeof value === 'string' && value.trim() !== '' ? [[field, value]] : [];
  });
  return { ...cards, ...Object.fromEntries(written) };
}

/** startingAddress from the same requests as the Samples and Company sections. */
export function useShipToDefaults(slug: string): Address {
  const { locale } = useSectionText('member');
  const membership = useMembership(slug);
  const data = membership.state.status === 'ready' ? membership.state.data : null;
  const memberId = data?.member.id ?? null;
  const claims = useMemberResource('claims', slug, memberId, ({ token, part }) => fetchSampleClaims(token, part, locale));
  const company = useCompany(slug);
  if (!data) return {};
  const me = company.state.status === 'ready' ? company.state.data.contacts.find((contact) => contact.id === data.contact.id) : undefined;
  const cards = { name: data.contact.full_name, phone: me?.phone ?? me?.whatsapp ?? undefined, company: data.member.company_name, country: data.member.country ?? undefined };
  // Newest first; an address cleared to its country (its contact left) is no place to send to.
  const last = claims.state.status === 'ready' ? claims.state.data.find((claim) => typeof claim.ship_to['line1'] === 'string') : undefined;
  return startingAddress(cards, last && { ship_to: last.ship_to, mine: last.contact_id === data.contact.id });
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
