import type { PriorityGroup } from '@layso/protocol';
import { Bi, Button } from '@layso/ui-kit';
import { Layout } from '../Layout.js';
import { M } from '../messages.js';

/** The center's priority groups in plain words; choosing one (or none) goes back to the number. */
export function Priority({
  centerName,
  groups,
  selected,
  onPick,
  onBack,
  onHome,
}: {
  centerName: string;
  groups: PriorityGroup[];
  selected: string | null;
  onPick: (code: string | null) => void;
  onBack: () => void;
  onHome: () => void;
}) {
  return (
    <Layout centerName={centerName} onBack={onBack} onHome={onHome} testId="priority">
      <h1 className="k-title">
        <Bi m={M.priorityTitle} />
      </h1>
      <p className="k-hint">
        <Bi m={M.priorityHint} />
      </p>
      <div className="k-choices">
        {groups.map((g) => (
          <Button
            key={g.code}
            variant={selected === g.code ? 'primary' : 'secondary'}
            size="large"
            onClick={() => onPick(g.code)}
            testId={`priority-${g.code}`}
          >
            <Bi m={{ vi: g.name, en: g.nameEn }} />
          </Button>
        ))}
        <Button variant="ghost" size="large" onClick={() => onPick(null)} testId="priority-none">
          <Bi m={M.priorityNone} />
        </Button>
      </div>
    </Layout>
  );
}
