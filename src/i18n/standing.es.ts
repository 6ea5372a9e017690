/** A company's standing in Spanish (see standing.en.ts). */
import type { Catalogue } from './format.ts';
import type { standing as english } from './standing.en.ts';

export const standing: Catalogue<typeof english> = {
  periodLine: '{orders} pedidos pagados por {amount} {period} (desde el {date}).',
  periodLineOne: '{orders} pedido pagado por {amount} {period} (desde el {date}).',
  periodNone: 'No hay pedidos pagados {period} (desde el {date}).',
  periodDays: 'en los últimos {days} días',
  periodDaysOne: 'en {days} día',
  nextNeedBoth: 'Faltan {count} pedidos pagados más y {amount} más para llegar a {tier}.',
  nextNeedBothOne: 'Faltan {count} pedido pagado más y {amount} más para llegar a {tier}.',
  nextNeedAmount: 'Faltan {amount} más en pedidos pagados para llegar a {tier}.',
  nextNeedOrders: 'Faltan {count} pedidos pagados más para llegar a {tier}.',
  nextNeedOrdersOne: 'Falta {count} pedido pagado más para llegar a {tier}.',
  expiringLine: '{points} puntos el {date}',
  expiringLineOne: '{points} punto el {date}',
};
