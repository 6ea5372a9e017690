import type { Catalogue } from '../format.ts';
import type { widget as en } from './en.ts';

export const widget: Catalogue<typeof en> = {
  launcher: 'Ventajas para miembros',
  panelTitle: 'Ventajas para miembros en {store}',
  close: 'Cerrar',
  loading: 'Cargando…',
  loadFailed: 'No se pudieron cargar las ventajas para miembros.',
  retry: 'Reintentar',
  storeNotFound: 'Esta tienda aún no ofrece ventajas para miembros.',
  portalLink: 'Ver todas las ventajas y unirse',
  joinButton: 'Intercambiar tarjetas de visita',
  signInButton: 'Acceso de miembros',
  membershipButton: 'Mi membresía',
  backToBenefits: 'Volver a las ventajas',
  frameTitle: 'Membresía de {store}',
  frameLoading: 'Abriendo…',
  frameFailed: 'No se pudo abrir el área de miembros.',
  frameFailedLink: 'Abrirla en Cardclub',
  inlineJoinTitle: 'Hazte miembro de {store}',
  inlineJoinText: 'Intercambia tarjetas de visita y accede a precios de miembro y muestras gratis.',
  teaser: 'Miembros: hasta un {discount} de descuento, anticipo desde el {prepay}',
  teaserSample: '{teaser}, muestra gratis',
  teaserBeforeJoin: '{teaser} — ',
  teaserJoin: 'Únete',
  teaserJoinLabel: 'Únete para obtener precios de miembro',
  // {tier} is the store's tier name, which in Spanish already says miembro (Miembro VIP): not said again.
  memberTerms: 'Precio de tu nivel ({tier}): {price} · anticipo del {prepay} · {sample}',
  memberTermsListPrice: 'Condiciones de tu nivel ({tier}): anticipo del {prepay} · {sample}',
  productActions: 'Pedir muestra o consultar',
  frameLabel: 'Acceso y membresía',
  inlineMember: 'Eres miembro de esta tienda, con el nivel {tier}.',
};
