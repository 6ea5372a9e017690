import type { Catalogue } from '../format.ts';
import type { tiers as en } from './en.ts';

export const tiers: Catalogue<typeof en> = {
  ruleJoin: 'Intercambia tarjetas de visita para unirte',
  ruleJoiningPaused: 'Los miembros se unieron intercambiando tarjetas de visita',
  ruleOrders: 'Pedidos pagados: {count} o más',
  ruleAmount: 'Importe pagado: {amount} o más',
  rulePeriod: 'Contados en los últimos {days} días',
  rulePeriodOne: 'Contados en un periodo de {days} día',
  rulesHeading: 'Cómo alcanzarlo',
  rulesHeadingBoth: 'Cómo alcanzarlo: hay que cumplir ambos requisitos',
  rightsHeading: 'Ventajas',
  currentTier: 'Tu nivel',
  discount: '{percent} de descuento para miembros',
  prepayRegular: '{percent} de anticipo en productos estándar',
  prepayCustomized: '{percent} de anticipo en productos personalizados',
  samples: '{count} muestras gratis {period}',
  samplesOne: '{count} muestra gratis {period}',
  samplePeriod: 'cada {days} días',
  samplePeriodOne: 'cada día',
  samplesUnlimited: 'Muestras gratis ilimitadas',
  freeFreight: 'Envío gratuito',
  logisticsUpgrade: 'Mejora logística',
  priorityDelivery: 'Entrega prioritaria',
  pointsRate: '{points} puntos por cada {amount} en pedidos pagados',
  pointsRateOne: '{points} punto por cada {amount} en pedidos pagados',
  rebate: '{percent} de bonificación para tus próximos pedidos',
};
