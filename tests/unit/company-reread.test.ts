/**
 * The company's card on My membership, read again over a save refused because someone else changed
 * it since the form read it (components/member/company-form.ts): the form shows their changes where
 * the buyer typed nothing and keeps what the buyer typed everywhere else, naming the fields of each.
 */
import { describe, expect, it } from 'vitest';
import { companyFormOf, rereadCompany } from '../../src/components/member/company-form.ts';
import type { Company } from '../../src/lib/member-api.ts';

const read: Company = {
  id: '00000000-0000-4000-8000-0000000000c1', company_name: 'Lumina Trading GmbH', country: 'DE', website: null, industry: 'Hair wholesale',
  updated_at: '2026-12-07T09:00:00.000001+00:00',
};

describe('the company card read again over a refused save', () => {
  it('takes the website and country a colleague saved, keeps the name the buyer typed, and names both', () => {
    const now = { ...read, website: 'https://lumina.example', country: 'AT', company_name: 'Lumina Trading AG', updated_at: '2026-12-07T09:05:00+00:00' };
    const typed = { ...companyFormOf(read), company_name: 'Lumina Hair Trading GmbH' };
    const { form, taken, kept } = rereadCompany(read, now, typed);
    expect(form).toEqual({ company_name: 'Lumina Hair Trading GmbH', country: 'AT', website: 'https://lumina.example', industry: 'Hair wholesale' });
    expect(taken).toEqual(['country', 'website']);
    expect(kept).toEqual(['company_name']);
  });

  it('counts spaces typed around a value as no change, and the same value typed by both as no conflict', () => {
    const now = { ...read, industry: 'Wigs', website: 'https://lumina.example', updated_at: '2026-12-07T09:05:00+00:00' };
    const typed = { ...companyFormOf(read), industry: ' Hair wholesale ', website: 'https://lumina.example' };
    const { form, taken, kept } = rereadCompany(read, now, typed);
    expect(form).toEqual({ ...companyFormOf(now) });
    expect(taken).toEqual(['industry']);
    expect(kept).toEqual([]);
  });

  it('shows a field a colleague emptied as empty (the country as none chosen) where the buyer left it', () => {
    const { form, taken } = rereadCompany(read, { ...read, country: null, industry: null }, companyFormOf(read));
    expect(form).toMatchObject({ country: '', industry: '' });
    expect(taken).toEqual(['country', 'industry']);
  });
});
