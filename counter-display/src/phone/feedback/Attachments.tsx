import { useState } from 'react';
import { FEEDBACK_FILE_TYPES, FEEDBACK_LIMITS } from '@layso/protocol/feedback-input';
import { Banner, Bi } from '@layso/ui-kit/components';
import { format, type Bilingual } from '@layso/ui-kit/i18n';
import { prepare, type Attachment } from './files.js';
import { F } from './texts.js';

const KB = 1024;
const size = (bytes: number) =>
  bytes < KB * KB ? `${Math.max(1, Math.round(bytes / KB))} KB` : `${(bytes / KB / KB).toFixed(1)} MB`;

/**
 * Up to FEEDBACK_LIMITS.files photos or PDFs: each checked as it is picked (type, a PDF's size) and a photo shrunk
 * on the phone; what cannot be sent is said at once, in both languages, and never leaves the phone.
 */
export function Attachments({
  files,
  onChange,
}: {
  files: Attachment[];
  onChange: (f: Attachment[]) => void;
}) {
  const [preparing, setPreparing] = useState(false);
  const [problems, setProblems] = useState<Bilingual[]>([]);
  const room = FEEDBACK_LIMITS.files - files.length;

  const pick = async (list: FileList | null) => {
    const picked = Array.from(list ?? []);
    const found: Bilingual[] = [];
    if (picked.length > room) found.push(format(F.fileCount, { n: FEEDBACK_LIMITS.files }));
    setPreparing(true);
    const ready: Attachment[] = [];
    for (const file of picked.slice(0, room)) {
      const r = await prepare(file);
      if (r.ok) ready.push(r.value);
      else found.push(r.why);
    }
    setPreparing(false);
    setProblems(found);
    onChange([...files, ...ready]);
  };

  return (
    <div className="bk-field fb-files" data-testid="fb-files">
      <span className="fb-label">
        <Bi m={F.files} />
      </span>
      <p className="ph-muted fb-hint">{format(F.filesHint, { n: FEEDBACK_LIMITS.files }).vi}</p>
      {files.length > 0 ? (
        <ul className="fb-file-list">
          {files.map((f, i) => (
            <li key={`${i}-${f.name}`} data-testid="fb-file-item" data-type={f.type}>
              <span className="fb-file-name">{f.name}</span>
              <span className="fb-file-size">{size(f.bytes)}</span>
              <button
                type="button"
                className="bk-change"
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                <Bi m={F.removeFile} single />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {problems.map((p, i) => (
        <Banner key={i} tone="danger" title={p} testId="fb-file-problem" />
      ))}
      {preparing ? <p className="ph-muted">{F.preparing.vi}</p> : null}
      {room > 0 ? (
        <label className="bk-link-btn fb-add">
          <Bi m={F.addFile} />
          <input
            type="file"
            className="fb-file-input"
            data-testid="fb-file"
            accept={FEEDBACK_FILE_TYPES.join(',')}
            multiple
            disabled={preparing}
            onChange={(e) => {
              const input = e.currentTarget;
              void pick(input.files).then(() => {
                // The same file may be picked again after it was removed.
                input.value = '';
              });
            }}
          />
        </label>
      ) : null}
    </div>
  );
}
