import type { Service } from '@layso/protocol';
import { Bi, DOSSIER_TEXT as D, format, Icon, waitText } from '@layso/ui-kit';
import { Layout } from '../Layout.js';
import { F } from '../feedback/messages.js';
import { M } from '../messages.js';
import type { ReactNode } from 'react';

const REASON = { closed: M.closed, cap: M.cap, inactive: M.inactive } as const;

/** Every service as a big button with its live queue; closed or capped ones greyed with the reason. */
export function Welcome({
  centerName,
  services,
  banner,
  blocked,
  onService,
  onSearch,
  onDossier,
  onCheckIn,
  onFeedback,
}: {
  centerName: string;
  services: Service[];
  banner: ReactNode;
  /** No new numbers at all (printer fault in "stop" mode). */
  blocked: boolean;
  onService: (id: number) => void;
  onSearch: () => void;
  /** "Nhận kết quả / Tra cứu hồ sơ": open even when no numbers are given (a lookup needs no printer). */
  onDossier: () => void;
  /** "Đã đặt lịch hẹn?": a booking made at home checked in for its number (a scan of its QR also leads there). */
  onCheckIn: () => void;
  /** "Góp ý, phản ánh" (null while the center takes no feedback): open even when no numbers are given. */
  onFeedback: (() => void) | null;
}) {
  return (
    <Layout centerName={centerName} testId="welcome">
      {banner}
      <div className="k-welcome-head">
        <h1 className="k-title">
          <Bi m={M.welcomeTitle} />
        </h1>
        <div className="k-welcome-tools">
          <button type="button" className="k-searchbox" onClick={onSearch} data-testid="search-open">
            <Icon name="search" className="k-searchbox-icon" />
            <Bi m={M.searchPlaceholder} />
          </button>
          <button
            type="button"
            className="k-dossier-open k-checkin-open"
            onClick={onCheckIn}
            disabled={blocked}
            data-testid="check-in-open"
          >
            <Icon name="calendar" className="k-dossier-open-icon" />
            <span className="k-dossier-open-text">
              <Bi m={M.checkInOpen} className="k-dossier-open-title" />
            </span>
          </button>
          <button type="button" className="k-dossier-open" onClick={onDossier} data-testid="dossier-open">
            <Icon name="qr" className="k-dossier-open-icon" />
            <span className="k-dossier-open-text">
              <Bi m={D.welcomeButton} className="k-dossier-open-title" />
            </span>
          </button>
        </div>
      </div>
      <ul className="k-services">
        {services.map((s) => {
          const disabled = blocked || !s.issuing;
          return (
            <li key={s.id}>
              <button
                type="button"
                className="k-service"
                disabled={disabled}
                onClick={() => onService(s.id)}
                data-testid={`service-${s.code}`}
              >
                <span className="k-service-name">
                  <Bi m={{ vi: s.name, en: s.nameEn ?? s.name }} />
                </span>
                <span className="k-service-live">
                  {s.issuing ? (
                    <>
                      <Bi m={format(M.waitingCount, { n: s.waiting })} single />
                      <span aria-hidden> · </span>
                      <Bi m={waitText(s.estimatedWaitMinutes)} single />
                    </>
                  ) : (
                    <Bi m={REASON[s.notIssuingReason ?? 'closed']} single />
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {onFeedback ? (
        <div className="k-welcome-foot">
          <button type="button" className="k-feedback-open" onClick={onFeedback} data-testid="feedback-open">
            <Icon name="chat" className="k-feedback-open-icon" />
            <Bi m={F.open} className="k-feedback-open-title" />
          </button>
        </div>
      ) : null}
    </Layout>
  );
}
