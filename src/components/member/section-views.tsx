/**
 * My membership's views below its summary, and a product named by the address: loaded once the
 * first screen is drawn (MemberDashboard's Sections). Their code is a third of the page's (the
 * forms, their schemas, the catalogue, the company's card and its e-mail change), and the summary
 * needs none of it: the first screen's own code is 74 KB in 35 files without it, 112 KB in 46 with
 * it, and Lighthouse's simulated phone painted the top VIP's heading 0.1-0.4 s sooner (bench
 * round 41).
 */
import type { JSX } from 'preact';
import { Catalogue, ChosenProduct, ProductSearch } from './Catalogue.tsx';
import { Company } from './Company.tsx';
import { Contact } from './Contact.tsx';
import { Coupons } from './Coupons.tsx';
import { Inquiries } from './Inquiries.tsx';
import type { SectionId } from './MemberDashboard.tsx';
import { Orders } from './Orders.tsx';
import { Points, Rebates } from './Points.tsx';
import { Privacy } from './Privacy.tsx';
import { Reviews } from './Reviews.tsx';
import { Rights } from './Rights.tsx';
import { Samples } from './Samples.tsx';
import { Updates } from './Updates.tsx';

export { ChosenProduct };

export interface SectionViewProps {
  slug: string;
  storeName: string;
  storeNameLang: string;
  onLeft: () => void;
}

export const sectionViews: Record<SectionId, (props: SectionViewProps) => JSX.Element> = {
  updates: ({ slug }) => <Updates slug={slug} />,
  rights: ({ slug }) => <Rights slug={slug} />,
  catalogue: ({ slug }) => <Catalogue slug={slug} />,
  'find-product': ({ slug }) => <ProductSearch slug={slug} />,
  samples: ({ slug }) => <Samples slug={slug} />,
  orders: ({ slug }) => <Orders slug={slug} />,
  points: ({ slug }) => <Points slug={slug} />,
  rebates: ({ slug }) => <Rebates slug={slug} />,
  coupons: ({ slug }) => <Coupons slug={slug} />,
  reviews: ({ slug }) => <Reviews slug={slug} />,
  inquiries: ({ slug }) => <Inquiries slug={slug} />,
  contact: ({ slug, storeName, storeNameLang }) => <Contact slug={slug} storeName={storeName} storeNameLang={storeNameLang} />,
  company: ({ slug }) => <Company slug={slug} />,
  privacy: ({ slug, storeName, storeNameLang, onLeft }) => <Privacy slug={slug} storeName={storeName} storeNameLang={storeNameLang} onLeft={onLeft} />,
};
