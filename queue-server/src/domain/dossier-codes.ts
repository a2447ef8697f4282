/**
 * Generated dossier codes: `{agency}-{yymmdd}-{NNNN}` per agency per Vietnam day. Like ticket numbers, the store
 * keeps the last running number of the (agency, day) and commits it with the ticket that carries the code; the
 * engine only decides the next free one, so a code is never handed out twice, even after a crash. A number a
 * typed code of that day already uses (the provincial software printed it) is skipped.
 */
import { formatDossierCode } from '@layso/protocol';

export interface GeneratedCode {
  seq: number;
  code: string;
}

/**
 * The first code after `lastSeq` that `taken` does not claim. `taken` is asked once per candidate; a day
 * holds at most a few hundred dossiers, so the walk is short.
 */
export function nextDossierCode(
  agency: string,
  day: string,
  lastSeq: number,
  taken: (code: string) => boolean,
): GeneratedCode {
  let seq = Math.max(0, Math.floor(lastSeq));
  for (;;) {
    seq += 1;
    const code = formatDossierCode(agency, day, seq);
    if (!taken(code)) return { seq, code };
  }
}
