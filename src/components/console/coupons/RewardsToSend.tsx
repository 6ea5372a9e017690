/**
 * Rewards the store's team sends or hands over (a reward for points without a coupon): each redemption waits
 * here, oldest first, with the address the buyer gave, until someone marks it sent with a carrier
 * and tracking number and how it went ("handed over at the fair"); the member's points history
 * then says so. A redemption from before addresses were asked for, or whose buyer left (the
 * address went with them), has none: its row says whom to ask, the company's primary contact, and
 * the company's country. A reward handed over (in person or by e-mail) has no address either: its
 * row says so with whom to arrange it, and it is marked handed over with how it went alone.
 * Under them, what was marked in the last 30 days (RecentlyDelivered): a marked row leaves the list.
 */
import { useRef, useState } from 'preact/hooks';
import type { StaffStore } from '../../../stores/staff-store.ts';
import { formatNumber, regionName } from '../../../i18n/format.ts';
import { pluralKey } from '../../../i18n/plural.ts';
import { deliveredDays, handedOverSchema, loadDelivered, loadDeliveries, markRewardSent, sentSchema, type Delivery } from '../../../lib/console/coupons.ts';
import { loadStaff } from '../../../lib/console/staff.ts';
import { rewardDelivery } from '../../../lib/ledger-note.ts';
import { orThrow } from '../../../lib/console/result.ts';
import { memberHref } from '../links.ts';
import { ContactWays } from '../members/ContactWays.tsx';
import { hasAddress, ShipAddress } from '../samples/ShipAddress.tsx';
import { useOpsText } from '../ops-text.ts';
import { BusyButton } from '../../BusyButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { Field } from '../ui/Field.tsx';
import { LoadState } from '../ui/LoadState.tsx';
import { PanelNotice } from '../ui/PanelNotice.tsx';
import { RowActionForm } from '../ui/RowActionForm.tsx';
import { useLoad } from '../ui/use-load.ts';
import { useRowForm } from '../ui/row-form.ts';
import { deliveryParts } from '../ui/whole-codes.tsx';
import { loadWaitingWork } from '../../../stores/waiting-work.ts';

/**
 * `sendsRewards`: the store has a reward its team sends, so the list shows even when empty; a
 * store without one sees it only while deliveries wait (a reward since given a coupon leaves its
 * earlier redemptions to send).
 */
export function RewardsToSend({ store, sendsRewards }: { store: StaffStore; sendsRewards: boolean }) {
  const { t, locale, date, company, staffMember } = useOpsText();
  const deliveries = useLoad(() => loadDeliveries(store.id).then(orThrow), [store.id]);
  // Who marked each: the directory names a staff login by its e-mail.
  const delivered = useLoad(() => Promise.all([loadDelivered(store.id).then(orThrow), loadStaff(store.id)]), [store.id]);
  const sending = useRowForm<Delivery>((row) => String(row.points_entry_id), sendButtonId);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const sentFor = (row: Delivery) => {
    const names = { reward: row.reward.name, company: company(row.member) };
    return row.ship_to && hasAddress(row) && row.ship_to.line1 ? t('sentToStreet', { ...names, street: row.ship_to.line1 }) : t('sentRedeemedOn', { ...names, date: date(row.requested_at) });
  };
  const waiting = deliveries.status === 'ready' && (deliveries.data?.length ?? 0) > 0;
  const recent = delivered.status === 'ready' && (delivered.data?.[0].length ?? 0) > 0;
  if (!sendsRewards && !waiting && !recent && !sending.row && !notice) return null;

  return (
    <>
      <div class="history" aria-labelledby="to-send-title" role="region">
        <h2 id="to-send-title" tabIndex={-1} ref={heading}>{t('toSendTitle')}</h2>
        <p class="muted">{t('toSendIntro')}</p>
        <PanelNotice text={notice} />
        <LoadState state={deliveries}>
          {(rows) => (
            <DataTable
              caption={t(pluralKey('toSendCaption', rows.length, locale), { count: rows.length })}
              rows={rows}
              {...sending.table(
                (delivery, onDone) => <SentForm key={delivery.points_entry_id} delivery={delivery} onDone={onDone} />,
                (message) => {
                  // Marked, the row leaves the list: to the list's heading, the outcome read out under it.
                  heading.current?.focus();
                  setNotice(message);
                  void deliveries.reloadAfterWrite();
                  void delivered.reloadAfterWrite();
                  void loadWaitingWork(store.id);
                },
              )}
              empty={t('toSendEmpty')}
              // Stacked on a tablet, Mark as sent under the row: beside it, in Spanish at 820 px, the
              // address had too little room and broke inside its words.
              stacksWide
              columns={[
                { key: 'when', header: t('colRedeemedOn'), nowrap: true, cell: (row) => date(row.requested_at) },
                // The company with whom to ask under it, one column: a column of its own for the contact
                // scrolled the Spanish list sideways on an 820 px tablet, where its columns fit.
                { key: 'sendTo', header: t('colDeliverTo'), primary: true, cell: (row) => <><a href={memberHref(store.slug, row.member_id)}>{company(row.member)}</a><SendTo delivery={row} /></> },
                { key: 'reward', header: t('colReward'), cell: (row) => row.reward.name },
                { key: 'points', header: t('colPointsSpent'), numeric: true, wholeHeader: true, cell: (row) => formatNumber(-row.points.delta, locale) },
                {
                  key: 'send',
                  header: <span class="visually-hidden">{t('colActions')}</span>,
                  cell: (row) => (
                    <BusyButton type="button" id={sendButtonId(row)} class="primary" onClick={() => { setNotice(null); sending.open(row); }}>
                      {t(row.delivery === 'handed_over' ? 'markHandedOver' : 'markSent')}
                      <span class="visually-hidden"> {sentFor(row)}</span>
                    </BusyButton>
                  ),
                },
              ]}
            />
          )}
        </LoadState>
      </div>
      {/* A region of its own: its rows are done, apart from the work waiting above. */}
      <div class="history" aria-labelledby="delivered-title" role="region">
        <h2 id="delivered-title">{t('deliveredTitle')}</h2>
        <LoadState state={delivered}>
          {([rows, staff]) => (
            <DataTable
              caption={t(pluralKey('deliveredCaption', rows.length, locale), { count: rows.length, days: deliveredDays })}
              rows={rows}
              rowKey={(row) => String(row.points_entry_id)}
              empty={t('deliveredEmpty', { days: deliveredDays })}
              columns={[
                { key: 'company', header: t('colCompany'), primary: true, cell: (row) => <a href={memberHref(store.slug, row.member_id)}>{company(row.member)}</a> },
                { key: 'reward', header: t('colReward'), cell: (row) => row.reward.name },
                // The member's points history's sentence: the day, the carrier and tracking number or handed over, the note.
                // The day, the number and the note's codes and numbers each whole; the note's other words may break anywhere, a long
                // word ran past a phone's row. Under its label on a phone, where the note's order number fits.
                { key: 'how', header: t('colHowDelivered'), breaks: true, prose: true, cell: (row) => rewardDelivery({ delivery: row }, t, locale, deliveryParts) },
                { key: 'by', header: t('colMarkedBy'), cell: (row) => staffMember(staff, row.sent_by) },
              ]}
            />
          )}
        </LoadState>
      </div>
    </>
  );
}

/** A delivery's Mark as sent (or handed over) button, for the keyboard to come back to when its form is cancelled. */
const sendButtonId = (delivery: Delivery) => `send-${delivery.points_entry_id}`;

/**
 * Where the reward goes: the address the buyer gave, to copy onto a label; without one, whom at
 * the company to ask (or, handed over, with whom to arrange it), the primary contact and their
 * ways, and the company's country.
 */
function SendTo({ delivery }: { delivery: Delivery }) {
  const { t, locale } = useOpsText();
  const { member, ship_to: shipTo } = delivery;
  if (shipTo && hasAddress(delivery)) return <ShipAddress claim={{ ship_to: shipTo, member }} />;
  const [contact] = member.contacts;
  // Under the company's name, which heads the row on a phone: text, not a second heading.
  return (
    <div class="muted">
      <div>{t(delivery.delivery === 'handed_over' ? 'toHandOverWith' : 'toSendAsk')}</div>
      {contact ? <>{contact.full_name}<ContactWays contact={contact} /></> : t('toSendNoContact')}
      {member.country && <div>{t('toSendCountry', { country: regionName(member.country, locale) })}</div>}
    </div>
  );
}

function SentForm({ delivery, onDone }: { delivery: Delivery; onDone: (message: string | null) => void }) {
  const { t, msg, company } = useOpsText();
  const names = { reward: delivery.reward.name, company: company(delivery.member) };
  // Nothing was shipped: no parcel, carrier or tracking number (mark_reward_sent refuses them), how it went alone.
  const handedOver = delivery.delivery === 'handed_over';
  return (
    <RowActionForm id="sent" title={t('sentTitle', names)} schema={handedOver ? handedOverSchema : sentSchema} fields={['carrier', 'tracking_number', 'note']}
      send={(values) => markRewardSent(delivery, values)} submitLabel={t(handedOver ? 'markHandedOver' : 'markSent')}
      doneMessage={t(handedOver ? 'rewardMarkedHandedOver' : 'rewardMarkedSent', names)} onDone={onDone}>
      {(errors) => handedOver ? (
        <Field id="sent-note" label={t('handedOverNote')} hint={t('handedOverNoteHint')} error={msg(errors.note)}>
          {(aria) => <input {...aria} name="note" autocomplete="off" />}
        </Field>
      ) : (
        <>
          {/* What goes on the parcel, beside the fields for what came back from the carrier, as a sample's. */}
          {delivery.ship_to && hasAddress(delivery) && (
            <section aria-labelledby="sent-address-title" class="ship-parcel">
              <h3 id="sent-address-title">{t('colShipTo')}</h3>
              <ShipAddress claim={{ ship_to: delivery.ship_to, member: delivery.member }} />
            </section>
          )}
          <Field id="sent-carrier" label={t('carrier')} hint={t('carrierHint')} error={msg(errors.carrier)}>
            {(aria) => <input {...aria} name="carrier" autocomplete="off" />}
          </Field>
          <Field id="sent-tracking" label={t('trackingNumber')} hint={t('trackingOptionalHint')} error={msg(errors.tracking_number)}>
            {(aria) => <input {...aria} name="tracking_number" autocomplete="off" />}
          </Field>
          <Field id="sent-note" label={t('sentNote')} hint={t('sentNoteHint')} error={msg(errors.note)}>
            {(aria) => <input {...aria} name="note" autocomplete="off" />}
          </Field>
        </>
      )}
    </RowActionForm>
  );
}
