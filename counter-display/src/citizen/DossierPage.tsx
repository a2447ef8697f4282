import { useState, type FormEvent } from 'react';
import { DossierProof, dossierCodeFromScan, type DossierLookup } from '@layso/protocol';
import {
  ApiError,
  Banner,
  Bi,
  Button,
  DOSSIER_TEXT as D,
  answerView,
  createApi,
  defineMessages,
  errorText,
  type Bilingual,
} from '@layso/ui-kit';

/** The phone page's own words; what the answer says is the kiosk's (ui-kit's DOSSIER_TEXT). */
export const P = defineMessages({
  title: { vi: 'Tra cứu hồ sơ', en: 'Check your dossier' },
  badCode: {
    vi: 'Mã hồ sơ trong đường dẫn không đúng. Hãy quét lại mã QR trên giấy hẹn.',
    en: 'The dossier code in this address is not right. Scan the QR code on your slip again.',
  },
  proofHint: {
    vi: 'Nhập 4 chữ số cuối của số căn cước (CCCD) hoặc số điện thoại đã khai khi nộp hồ sơ.',
    en: 'Type the last 4 digits of the ID card or phone number you gave when you applied.',
  },
  proofNeeded: { vi: 'Nhập đủ 4 chữ số', en: 'Type all 4 digits' },
  tooMany: {
    vi: 'Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau, hoặc hỏi tại Trung tâm.',
    en: 'Too many wrong tries. Please try again later, or ask at the center.',
  },
  private: {
    vi: 'Trang này không hiện thông tin cá nhân và không lưu 4 số bạn nhập.',
    en: 'This page shows no personal data and does not keep the digits you type.',
  },
});

const api = createApi();

/**
 * `/h/:code`, opened from the QR of a Mẫu 01 slip on the citizen's phone: the code comes from the address, the
 * proof is typed, the answer is the kiosk's in the same words. No login, nothing personal shown or kept.
 */
export function DossierPage({ path, now = () => new Date() }: { path: string; now?: () => Date }) {
  // The address is what the slip's QR holds: read as the kiosk and the console read a scan of it.
  const code = dossierCodeFromScan(path);
  const [proof, setProof] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<DossierLookup | null>(null);
  const [problem, setProblem] = useState<Bilingual | null>(null);

  if (code === null) {
    return (
      <main className="hp" data-testid="dossier-page">
        <h1 className="hp-title">
          <Bi m={P.title} />
        </h1>
        <Banner tone="danger" title={P.badCode} testId="dossier-bad-code" />
      </main>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!DossierProof.safeParse(proof).success) return setProblem(P.proofNeeded);
    setBusy(true);
    setProblem(null);
    try {
      setAnswer(await api.call('publicDossierLookup', { body: { code, proof } }));
    } catch (err) {
      const x = err instanceof ApiError ? err : new ApiError('LAYSO_NETWORK', '', 0);
      setProblem(x.code === 'LAYSO_DOSSIER_LOOKUP_LIMIT' ? P.tooMany : errorText(x.code, x.message));
    } finally {
      setBusy(false);
    }
  };
  const v = answer ? answerView(answer, now()) : null;

  return (
    <main className="hp" data-testid="dossier-page">
      <h1 className="hp-title">
        <Bi m={P.title} />
      </h1>
      <p className="hp-code">
        <Bi m={D.codeLabel} className="hp-label" />
        <strong data-testid="dossier-code-shown">{code}</strong>
      </p>
      {answer && v ? (
        <section
          className={`hp-answer hp-answer-${v.tone}`}
          data-testid="dossier-state"
          data-state={answer.state}
        >
          <h2>
            <Bi m={v.title} />
          </h2>
          {answer.procedureName ? <p className="hp-procedure">{answer.procedureName}</p> : null}
          {v.lines.map((m) => (
            <p key={m.vi}>
              <Bi m={m} />
            </p>
          ))}
          {v.updated ? (
            <p className="hp-updated" data-testid="dossier-updated">
              <Bi m={v.updated} />
            </p>
          ) : null}
          {v.retry ? (
            <Button
              size="large"
              variant="secondary"
              onClick={() => {
                setAnswer(null);
                setProof('');
              }}
              testId="dossier-retry"
            >
              <Bi m={D.retry} />
            </Button>
          ) : null}
        </section>
      ) : (
        <form className="hp-form" onSubmit={(e) => void submit(e)} noValidate>
          <p id="hp-proof-hint" className="hp-hint">
            <Bi m={P.proofHint} />
          </p>
          <label className="hp-field">
            <Bi m={D.proofLabel} className="hp-label" />
            <input
              name="proof"
              value={proof}
              onChange={(e) => {
                setProof(e.target.value.replace(/\D/g, '').slice(0, 4));
                setProblem(null);
              }}
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              aria-describedby="hp-proof-hint"
              aria-invalid={problem ? true : undefined}
              data-testid="dossier-proof-input"
            />
          </label>
          {problem ? <Banner tone="danger" title={problem} testId="dossier-refusal" /> : null}
          <Button type="submit" size="large" busy={busy} testId="dossier-proof-submit">
            <Bi m={D.lookUp} />
          </Button>
        </form>
      )}
      <p className="hp-private">
        <Bi m={P.private} />
      </p>
    </main>
  );
}
