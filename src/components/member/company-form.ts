/**
 * The company card's form on My membership: filled from the card as read, and filled again over a
 * save refused because someone else (a colleague, the store's staff) changed the card since
 * (updateCompany, rereadForm): their changes where the buyer typed nothing, what the buyer typed
 * everywhere else, so that neither is lost unseen.
 */
import { rereadForm } from '../../lib/read-again.ts';
import type { Company } from '../../lib/member-api.ts';

export const companyFields = ['company_name', 'country', 'website', 'industry'] as const;
export type CompanyField = (typeof companyFields)[number];

/** The form's fields from `values` (a card's, or the form's as typed); one missing is empty (the country's "Choose a country"). */
export function companyFormOf(values: Partial<Record<CompanyField, string | null>>): Record<CompanyField, string> {
  return Object.fromEntries(companyFields.map((field) => [field, values[field] ?? ''])) as Record<CompanyField, string>;
}

/** The fields as saved: spaces around a value say nothing (companyFormSchema trims them). */
const said = (form: Record<CompanyField, string>) => companyFormOf(Object.fromEntries(companyFields.map((field) => [field, form[field].trim()])));

/** The card read again (`now`) over a save of the form as typed (`typed`, by field name) refused since `read`. */
export function rereadCompany(read: Company, now: Company, typed: Record<string, string>) {
  return rereadForm(companyFormOf(read), companyFormOf(now), companyFormOf(typed), said);
}
