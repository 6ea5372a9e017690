/**
 * What a visitor is told while the store takes no new members (store_profile's joining_paused):
 * once, for the whole store, with the members' way in. The join placement shows it in the box the
 * page reserves, the panel above the tiers in place of its Join; plain DOM, as the tier cards.
 */
import { interpolateParts } from '../../../src/i18n/format.ts';
import type { PublicTiers } from '../core/store.ts';
import { button, el, merchantName } from './dom.ts';
import type { widgetText } from './messages.ts';

export function pausedCard(store: PublicTiers, t: ReturnType<typeof widgetText>['t'], signIn: () => void): HTMLElement {
  return el(
    'div',
    { class: 'inline-card' },
    el('p', { class: 'inline-title' }, ...interpolateParts(t('joiningPaused'), { store: merchantName(store.name, store.nameLang) })),
    button('secondary', t('signInButton'), signIn),
  );
}
