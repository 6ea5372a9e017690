/**
 * My membership inside the widget frame: the member pages' own sections (src/components/member,
 * the same components as /me/), the ones a buyer needs while on the merchant's page (first the
 * page's own products, when it has product placements; the inquiries, whose answers a buyer who
 * asked from here looks for here, and the merchant's card beside them, which the welcome showed
 * once), and a link to the full portal for the rest (reviews, privacy).
 * A side panel about 360 px wide: the summary, then what the buyer does here (a sample, an
 * inquiry, an invitation), then what they read; long lists show their first few rows, the rest in
 * place on request (the seeded VIP's view ran to 10,000 px with every product and entry).
 */
import { Catalogue, PageProducts } from '../../components/member/Catalogue.tsx';
import { Company } from '../../components/member/Company.tsx';
import { Contact } from '../../components/member/Contact.tsx';
import { Coupons } from '../../components/member/Coupons.tsx';
import { Inquiries } from '../../components/member/Inquiries.tsx';
import { NewPostsLink } from '../../components/member/NewPosts.tsx';
import { Points, Rebates } from '../../components/member/Points.tsx';
import { Rights } from '../../components/member/Rights.tsx';
import { Samples } from '../../components/member/Samples.tsx';
import { Summary } from '../../components/member/Summary.tsx';
import { Updates } from '../../components/member/Updates.tsx';
import type { StoreWithCard } from '../../components/join/join-api.ts';
import { useSectionText } from '../../components/use-text.ts';

interface MembershipViewProps {
  store: StoreWithCard;
  skus: string[];
  /** The product a placement's button asked for, shown first (see PageProducts). */
  focus: { sku: string; asked: number } | null;
}

export function MembershipView({ store, skus, focus }: MembershipViewProps) {
  const { t, locale } = useSectionText('join');
  const slug = store.store.slug;
  return (
    <div class="membership">
      {/* Without the store's name, which the panel's title above says already. */}
      <h1 class="frame-title" tabIndex={-1}>
        {t('myMembership')}
      </h1>
      <Summary slug={slug} headingHidden compact />
      <p>
        <NewPostsLink slug={slug} newTab />
      </p>
      {skus.length > 0 && <PageProducts slug={slug} skus={skus} focus={focus} />}
      <Catalogue slug={slug} compact />
      <Inquiries slug={slug} />
      <Contact slug={slug} storeName={store.store.name} storeNameLang={store.store.name_lang} />
      <Company slug={slug} compact />
      <Updates slug={slug} compact />
      <Samples slug={slug} />
      <Points slug={slug} compact />
      <Rebates slug={slug} compact />
      <Coupons slug={slug} />
      <Rights slug={slug} />
      <p>
        <a href={`/me/?s=${encodeURIComponent(slug)}&lang=${locale}`} target="_blank" rel="noopener">
          {t('portalLink')}
        </a>
      </p>
    </div>
  );
}
