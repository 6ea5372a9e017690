/** Spanish. Keys and sections mirror en.ts. */
import type { Catalogue } from './format.ts';
import type * as en from './en.ts';

/** Areas keep their own sections in their own folders (src/i18n/<area>/<locale>.ts). */
export { member } from './member/es.ts';
export { join } from './join/es.ts';
export { staff } from './staff/es.ts';
export { growth } from './growth/es.ts';
export { operations } from './operations/es.ts';

export const site: Catalogue<typeof en.site> = {
  skipLink: 'Saltar al contenido principal',
  brand: 'Cardclub',
  navHome: 'Inicio',
  navLogin: 'Acceso de miembros',
  navMyMembership: 'Mi membresía',
  navConsole: 'Consola del comercio',
  footer: 'Membresía de tienda para comercios B2B transfronterizos.',
  homeTitle: 'Membresía de tienda para comercios B2B transfronterizos',
  homeIntro:
    'Las empresas compradoras se unen a una tienda intercambiando tarjetas de visita, ven qué les da cada nivel, piden muestras gratuitas y siguen sus puntos y reembolsos. Los comercios lo gestionan todo desde una consola.',
  homeTiersTitle: 'Niveles que se ganan comprando',
  homeTiersBody: 'Los niveles ordinario, sénior y VIP siguen los pedidos pagados en un periodo móvil, con descuentos, condiciones de anticipo, muestras y envío como derechos.',
  homeDemoLink: 'Ver la tienda de demostración',
  homeMembersLink: 'Acceder como miembro',
  homeConsoleLink: 'Abrir la consola del comercio',
  loading: 'Cargando…',
  storeMissingSlug: 'No se eligió ninguna tienda. Abre esta página desde el enlace de una tienda, por ejemplo /store/?s=tu-tienda.',
  storeNotFound: 'No existe ninguna tienda llamada «{slug}».',
  storeLoadFailed: 'No se pudo cargar la tienda. Comprueba tu conexión e inténtalo de nuevo.',
  retry: 'Reintentar',
  storeTiersTitle: 'Niveles de membresía',
  storeProductsTitle: 'Productos',
  storeNoProducts: 'Esta tienda aún no tiene productos públicos.',
  productCustomized: 'Personalizado',
  productRegular: 'Estándar',
  joinCta: 'Accede para unirte a {store}',
  emailLabel: 'Correo electrónico',
  passwordLabel: 'Contraseña',
  codeLabel: 'Código de 6 dígitos',
  consoleTitle: 'Consola del comercio',
  consoleSignInTitle: 'Acceso del personal',
  consoleSignIn: 'Acceder',
  consoleSignedInAs: 'Sesión iniciada como {email}',
  signOut: 'Cerrar sesión',
  signingIn: 'Accediendo…',
  loginTitle: 'Acceso de miembros',
  loginIntro: 'Te enviamos un código de 6 dígitos por correo; no necesitas contraseña.',
  loginSendCode: 'Enviarme un código',
  loginSending: 'Enviando…',
  loginCodeSent: 'Enviamos un código a {email}. Caduca en unos minutos.',
  loginVerify: 'Verificar y acceder',
  loginDifferentEmail: 'Usar otro correo',
  loginSignedIn: 'Has iniciado sesión como {email}.',
  loginBackToStore: 'Volver a la tienda',
};

export const tiers: Catalogue<typeof en.tiers> = {
  ruleJoin: 'Intercambia tarjetas de visita para unirte',
  ruleOrders: 'Pedidos pagados: {count} o más',
  ruleAmount: 'Importe pagado: {amount} o más',
  rulePeriod: 'Contados en los últimos {days} días',
  rulesHeading: 'Cómo alcanzarlo',
  rightsHeading: 'Derechos',
  discount: '{percent} de descuento para miembros',
  prepayRegular: '{percent} de anticipo en productos estándar',
  prepayCustomized: '{percent} de anticipo en productos personalizados',
  samples: '{count} muestras gratuitas por periodo',
  samplesUnlimited: 'Muestras gratuitas ilimitadas',
  freeFreight: 'Envío gratuito',
  logisticsUpgrade: 'Mejora logística',
  priorityDelivery: 'Entrega prioritaria',
  points: 'Puntos ×{multiplier}',
  rebate: '{percent} de reembolso en efectivo',
};

export const widget: Catalogue<typeof en.widget> = {
  launcher: 'Ventajas para miembros',
  panelTitle: 'Ventajas para miembros en {store}',
  close: 'Cerrar',
  loading: 'Cargando…',
  loadFailed: 'No se pudieron cargar las ventajas para miembros.',
  retry: 'Reintentar',
  storeNotFound: 'Esta tienda aún no ofrece ventajas para miembros.',
  portalLink: 'Ver todas las ventajas y unirse',
  joinButton: 'Intercambiar tarjetas',
  signInButton: 'Acceso de miembros',
  membershipButton: 'Mi membresía',
  backToBenefits: 'Volver a las ventajas',
  frameTitle: 'Membresía de {store}',
  frameLoading: 'Abriendo…',
  inlineJoinTitle: 'Hazte miembro de {store}',
  inlineJoinText: 'Intercambia tarjetas de visita y accede a precios de miembro, muestras gratis y el paquete de bienvenida.',
  teaser: 'Miembros: hasta un {discount} de descuento, anticipo desde el {prepay}',
  teaserSample: 'muestra gratis',
  teaserJoin: 'Unirme',
  memberTerms: 'Tu precio como {tier}: {price} · anticipo del {prepay} · {sample}',
  frameLabel: 'Acceso y membresía',
  inlineMember: 'Eres miembro de {store}: {tier}.',
};
