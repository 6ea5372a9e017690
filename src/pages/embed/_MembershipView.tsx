/**
 * My membership inside the widget frame: the member pages' own sections (src/components/member,
 * the same components as /me/), the ones a buyer needs while on the merchant's page (first the
 * page's own products, when it has product placements; the inquiries, whose answers a buyer who
 * asked from here looks for here), and a link to the full portal for the rest (reviews, privacy).
 */
import { Catalogue, PageProducts } from '../../components/member/Catalogue.tsx';
import { Company } from '../../components/member/Company.tsx';
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
      <Summary slug={slug} headingHidden />
      <p>
        <NewPostsLink slug={slug} newTab />
      </p>
      <Updates slug={slug} compact />
      {skus.length > 0 && <PageProducts slug={slug} skus={skus} focus={focus} />}
      <Rights slug={slug} />
      <Catalogue slug={slug} />
      <Samples slug={slug} />
      <Inquiries slug={slug} />
      <Points slug={slug} />
      <Rebates slug={slug} />
      <Coupons slug={slug} />
      <Company slug={slug} />
      <p>
        <a href={`/me/?s=${encodeURIComponent(slug)}&lang=${locale}`} target="_blank" rel="noopener">
          {t('portalLink')}
        </a>
      </p>
    </div>
  );
}
