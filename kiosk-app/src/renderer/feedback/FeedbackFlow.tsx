import { useRef, useState } from 'react';
import type { FeedbackReceipt, FeedbackTopic, KioskFeedbackBody } from '@layso/protocol';
import { ApiError, feedbackFields, type Bilingual, type FeedbackDraft } from '@layso/ui-kit';
import { feedbackRefusal } from './messages.js';
import { FeedbackReceiptScreen, type SlipState } from './Receipt.js';
import { DetailsScreen, TextScreen, TopicScreen } from './screens.js';

type Stage = 'topic' | 'text' | 'details' | 'receipt';

const EMPTY: FeedbackDraft = { topic: 'other', text: '', name: '', phone: '', consent: false };

/**
 * "Góp ý, phản ánh" at the kiosk: a topic (one tap), the text on the on-screen keyboard, a name and phone if the
 * citizen agrees (else anonymous), then the receipt with the code. Everything typed lives in this component only:
 * the idle timeout or "home" unmounts it, and the next citizen finds nothing.
 */
export function FeedbackFlow({
  centerName,
  consentVersion,
  idleSeconds,
  onHome,
  send,
  print,
}: {
  centerName: string;
  /** The version of the consent text, as the server gives it (FeedbackOptions). */
  consentVersion: string;
  idleSeconds: number;
  onHome: () => void;
  send: (body: KioskFeedbackBody) => Promise<FeedbackReceipt>;
  /** Prints the case's slip; true only when the printer took it (never rejects). */
  print: (receipt: FeedbackReceipt) => Promise<boolean>;
}) {
  const [stage, setStage] = useState<Stage>('topic');
  const [draft, setDraft] = useState<FeedbackDraft>(EMPTY);
  const [receipt, setReceipt] = useState<FeedbackReceipt | null>(null);
  const [phoneGiven, setPhoneGiven] = useState(false);
  const [slip, setSlip] = useState<SlipState>('printing');
  const [refusal, setRefusal] = useState<Bilingual | null>(null);
  const [busy, setBusy] = useState(false);
  const inflight = useRef(false);
  const common = { centerName, onHome };

  const submit = async () => {
    // One case per tap: a double tap or a tap while sending does not send it twice.
    if (inflight.current) return;
    inflight.current = true;
    setBusy(true);
    setRefusal(null);
    let taken: FeedbackReceipt;
    try {
      const body = feedbackFields(draft, consentVersion);
      taken = await send(body);
      setReceipt(taken);
      setPhoneGiven(body.phone !== undefined);
      // The receipt shows no personal data; nothing typed is kept once the case is sent.
      setDraft(EMPTY);
      setSlip('printing');
      setStage('receipt');
    } catch (e) {
      setRefusal(
        e instanceof ApiError ? feedbackRefusal(e.code, e.message) : feedbackRefusal('LAYSO_INTERNAL'),
      );
      return;
    } finally {
      inflight.current = false;
      setBusy(false);
    }
    // The code is on screen first; the paper follows, and the screen says only what the printer did.
    setSlip((await print(taken)) ? 'printed' : 'failed');
  };

  switch (stage) {
    case 'topic':
      return (
        <TopicScreen
          {...common}
          onTopic={(topic: FeedbackTopic) => {
            setDraft((d) => ({ ...d, topic }));
            setStage('text');
          }}
        />
      );
    case 'text':
      return (
        <TextScreen
          {...common}
          topic={draft.topic}
          text={draft.text}
          onText={(text) => setDraft((d) => ({ ...d, text }))}
          onBack={() => setStage('topic')}
          onNext={() => setStage('details')}
        />
      );
    case 'details':
      return (
        <DetailsScreen
          {...common}
          draft={draft}
          busy={busy}
          refusal={refusal}
          onChange={(d) => setDraft(d)}
          onBack={() => {
            setRefusal(null);
            setStage('text');
          }}
          onSend={() => void submit()}
        />
      );
    case 'receipt':
      return receipt ? (
        <FeedbackReceiptScreen
          {...common}
          receipt={receipt}
          phoneGiven={phoneGiven}
          slip={slip}
          seconds={idleSeconds}
        />
      ) : null;
  }
}
