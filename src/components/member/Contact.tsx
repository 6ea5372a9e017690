/**
 * Contact {store}: the merchant's business card, what the buyer got for theirs, to find again
 * after the welcome that showed it is gone. The join's own card (MerchantCard), from the store's
 * profile the summary read (useStoreTiers): no request of its own. A store without a card says so
 * in its place, as the welcome does: a buyer who exchanged cards looks here for the merchant's, and
 * a section missing from one store's page would leave them wondering whether they had missed it.
 */
import { interpolateParts } from '../../i18n/format.ts';
import { MerchantCard } from '../join/MerchantCard.tsx';
import { merchantName } from '../merchant-name.tsx';
import { useSectionText } from '../use-text.ts';
import { Section } from './Section.tsx';
import { useStoreTiers, type MemberSectionProps } from './Summary.tsx';

export function Contact({ slug, storeName, storeNameLang }: MemberSectionProps & { storeName: string; storeNameLang: string }) {
  const { t } = useSectionText('member');
  const store = useStoreTiers(slug);
  return (
    <Section id="contact" title={interpolateParts(t('contactTitle'), { store: merchantName('store', storeName, storeNameLang) })} state={store.state} retry={store.retry}>
      {({ card }) => <MerchantCard storeName={storeName} storeNameLang={storeNameLang} storeSlug={slug} card={card} headingLevel={null} />}
    </Section>
  );
}
