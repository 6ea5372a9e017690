import type { Catalogue } from '../format.ts';
import type { placements as en } from './en.ts';

export const placements: Catalogue<typeof en> = {
  inlineJoinTitle: 'Hazte miembro de {store}',
  inlineJoinText: 'Intercambia tarjetas de visita y accede a precios de miembro y muestras gratis.',
  teaser: 'Miembros: hasta un {discount} de descuento, anticipo desde el {prepay}',
  teaserNoPrepay: 'Miembros: hasta un {discount} de descuento',
  teaserSample: '{teaser}, muestra gratis',
  teaserBeforeJoin: '{teaser} — ',
  teaserJoin: 'Únete',
  teaserJoinLabel: 'Únete para obtener precios de miembro',
  teaserJoinLabelFor: 'Únete para obtener precios de miembro de {product}',
  // {tier} is the store's tier name, which in Spanish already says miembro (Miembro VIP): not said again.
  memberTerms: 'Precio de tu nivel ({tier}): {price} · anticipo del {prepay} · {sample}',
  memberTermsListPrice: 'Condiciones de tu nivel ({tier}): anticipo del {prepay} · {sample}',
  productActions: 'Pedir muestra o consultar',
  productActionsFor: 'Pedir muestra o consultar sobre {product}',
  productAsk: 'Consultar sobre este producto',
  productAskFor: 'Consultar sobre {product}',
  inlineMember: 'Eres miembro de esta tienda, con el nivel {tier}.',
};
