import { Bi, type Bilingual } from '@layso/ui-kit';

/** A whole-screen message for a screen that cannot work yet (not paired, token revoked). */
export function StatusScreen({
  title,
  text,
  testId,
}: {
  title: Bilingual;
  text?: Bilingual;
  testId: string;
}) {
  return (
    <main className="sc-status" data-testid={testId}>
      <h1>
        <Bi m={title} />
      </h1>
      {text ? (
        <p>
          <Bi m={text} />
        </p>
      ) : null}
    </main>
  );
}
