/** Ledger reasons in Spanish (see ledger-reasons.en.ts). */
import type { Catalogue } from './format.ts';
import type { ledgerReasons as english } from './ledger-reasons.en.ts';

export const ledgerReasons: Catalogue<typeof english> = {
  points_join: 'Alta en la tienda',
  points_order: 'Pedido pagado',
  points_review: 'Reseña de pedido',
  points_adjustment: 'Ajuste de la tienda',
  points_redemption: 'Recompensa canjeada',
  points_expiry: 'Puntos caducados',
  points_clawback: 'Pedido reembolsado',
  points_order_correction: 'Importe del pedido corregido',
  points_order_rerated: 'Recalculado por el cambio de un pedido anterior',
  rebate_order: 'Bonificación de un pedido',
  rebate_applied: 'Usada en un pedido',
  rebate_reversal: 'Pedido reembolsado',
  rebate_credit: 'Abonada por la tienda',
  rebate_correction: 'Abono corregido por la tienda',
  rebate_order_correction: 'Importe del pedido corregido',
  rebate_order_rerated: 'Recalculado por el cambio de un pedido anterior',
  orderChange_corrected: 'Pedido corregido',
  orderChange_refunded_in_part: 'Pedido reembolsado en parte',
  orderChange_refunded_in_full: 'Pedido reembolsado',
  orderChange_cancelled: 'Pedido cancelado',
  pointsExpiredCredit: 'Caducaron los puntos ganados el {date} (los puntos duran {days} días)',
  pointsExpiredCreditOne: 'Caducaron los puntos ganados el {date} (los puntos duran {days} día)',
  rewardToSend: 'Pendiente de envío por la tienda',
  rewardSent: 'Enviada el {date}',
  rewardSentBy: 'Enviada el {date} por {carrier}',
  rewardTracked: '{sent}, número de seguimiento {number}',
  rewardSentWith: '{sent}: {note}',
};
