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
  portalLink: 'Ver todas las ventajas',
  joinButton: 'Intercambiar tarjetas de visita',
  signInButton: 'Acceso de miembros',
  joiningPaused: '{store} no admite miembros nuevos por ahora.',
  membershipButton: 'Mi membresía',
  backToBenefits: 'Volver a las ventajas',
  frameTitle: 'Membresía de {store}',
  frameLoading: 'Abriendo…',
  frameFailed: 'No se pudo abrir el área de miembros.',
  frameFailedLink: 'Abrirla en Cardclub',
  frameLabel: 'Acceso y membresía',
};
