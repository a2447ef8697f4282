import { useEffect, useState } from 'react';
import { formatBookingCode, type AdminBookingsReply } from '@layso/protocol';
import { Bi, Button, DateField, format, formatTime, vietnamDay } from '@layso/ui-kit';
import { B } from './booking-messages.js';
import {
  filterBookings,
  slotFill,
  statusName,
  statusText,
  STATUSES,
  type DayFilter,
} from './booking-view.js';
import { useAdmin } from './context.js';
import { A } from './messages.js';
import { DataTable, Field, Page, Problem, useLoad } from './parts.js';

/** The day's list is read again this often while the page is open (no floor event carries bookings). */
const REFRESH_MS = 30_000;

/**
 * A day's bookings (today by default): per service its slots with places taken, then the list with each
 * booking's state and its ticket once checked in; filters by service and state. Supervisors and admins.
 */
export function BookingsDay() {
  const { api } = useAdmin();
  const today = vietnamDay(new Date());
  // null while the field holds text that is not a date: the last good day stays on screen.
  const [day, setDay] = useState<string | null>(today);
  const [shown, setShown] = useState(today);
  const [filter, setFilter] = useState<DayFilter>({ serviceId: null, status: null });
  const loaded = useLoad(() => api.adminBookings(shown), [api, shown]);
  const [at, setAt] = useState<Date | null>(null);
  const { reload } = loaded;
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  useEffect(() => {
    if (loaded.data) setAt(new Date());
  }, [loaded.data]);
  const data = loaded.data?.day === shown ? loaded.data : null;

  return (
    <Page
      title={B.dayTitle}
      testId="page-bookings"
      actions={
        <Button variant="secondary" onClick={reload} testId="bookings-refresh">
          <Bi m={B.refresh} single />
        </Button>
      }
    >
      <form className="ad-card ad-report-form bk-filters" onSubmit={(e) => e.preventDefault()}>
        <DateField
          className="ad-field"
          label={B.day}
          name="day"
          value={day}
          onChange={(d) => {
            setDay(d);
            if (d) setShown(d);
          }}
        />
        <Field label={B.service}>
          <select
            name="service"
            value={filter.serviceId ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, serviceId: e.target.value ? Number(e.target.value) : null })
            }
          >
            <option value="">{B.allServices.vi}</option>
            {(data?.services ?? []).map((s) => (
              <option key={s.serviceId} value={s.serviceId}>
                {s.serviceName}
              </option>
            ))}
          </select>
        </Field>
        <Field label={B.status}>
          <select
            name="status"
            value={filter.status ?? ''}
            onChange={(e) => {
              const s = STATUSES.find((x) => x === e.target.value);
              setFilter({ ...filter, status: s ?? null });
            }}
          >
            <option value="">{B.allStatuses.vi}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(s).vi}
              </option>
            ))}
          </select>
        </Field>
        {at ? (
          <small className="ad-hint bk-refreshed" data-testid="bookings-refreshed">
            {format(B.refreshed, { time: formatTime(at) }).vi}
          </small>
        ) : null}
      </form>
      <Problem error={loaded.error} />
      {data ? <DayView data={data} filter={filter} /> : !loaded.error ? <p>{A.loading.vi}</p> : null}
    </Page>
  );
}

function DayView({ data, filter }: { data: AdminBookingsReply; filter: DayFilter }) {
  const services = data.services.filter((s) => filter.serviceId === null || s.serviceId === filter.serviceId);
  const list = filterBookings(data.bookings, filter);
  return (
    <>
      <section className="ad-card" data-testid="booking-slots">
        <h2>
          <Bi m={B.slots} single />
        </h2>
        {services.length === 0 ? (
          <p>
            <Bi m={B.noSlots} single />
          </p>
        ) : (
          services.map((s) => (
            <div key={s.serviceId} className="bk-svc" data-testid={`slots-${s.serviceId}`}>
              <h3>{s.serviceName}</h3>
              {s.slots.length === 0 ? (
                <p className="ad-muted">{B.noSlots.vi}</p>
              ) : (
                <ol className="bk-slots">
                  {s.slots.map((slot) => {
                    const { taken, share } = slotFill(slot);
                    const label = format(B.slotTaken, { start: slot.start, taken, capacity: slot.capacity });
                    return (
                      <li
                        key={slot.start}
                        className={taken >= slot.capacity ? 'bk-slot bk-full' : 'bk-slot'}
                        title={label.vi}
                        aria-label={label.vi}
                        data-testid={`slot-${s.serviceId}-${slot.start}`}
                      >
                        <span className="bk-slot-time">{slot.start}</span>
                        <span className="bk-bar" aria-hidden="true">
                          <span style={{ width: `${Math.round(share * 100)}%` }} />
                        </span>
                        <span className="bk-slot-n">
                          {taken}/{slot.capacity}
                        </span>
                      </li>
                    );
                  })}
                </ol>
              )}
            </div>
          ))
        )}
      </section>
      <p className="ad-muted" data-testid="bookings-count">
        {format(B.count, { n: list.length }).vi}
      </p>
      <DataTable
        testId="bookings-list"
        columns={[B.time, B.code, B.service, B.cccd, B.phone, B.status, B.checkedInAt]}
      >
        {list.length === 0 ? (
          <tr>
            <td colSpan={7}>{B.noBookings.vi}</td>
          </tr>
        ) : (
          list.map((b) => (
            <tr key={b.id} data-testid={`booking-${b.code}`} data-status={b.status}>
              <td className="ad-nowrap">
                {b.start}–{b.end}
              </td>
              <td className="ad-mono ad-nowrap">{formatBookingCode(b.code)}</td>
              <td>
                {b.serviceName}
                {b.procedureName ? <div className="ad-detail ad-muted">{b.procedureName}</div> : null}
              </td>
              <td className="ad-mono ad-nowrap">{b.cccdMasked}</td>
              <td className="ad-mono ad-nowrap">{b.phoneMasked}</td>
              <td>
                <span className={`bk-status bk-${b.status}`}>{statusText(b).vi}</span>
              </td>
              <td>{b.checkedInAt ? formatTime(b.checkedInAt) : '—'}</td>
            </tr>
          ))
        )}
      </DataTable>
    </>
  );
}
