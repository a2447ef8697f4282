import { startVirtualPrinter } from '@layso/printer-drivers';

type Log = (message: string) => void;

const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Demo mode's virtual ESC/POS printer on 127.0.0.1: every job is saved as `.bin` + `.png` in `outDir`.
 * Nothing it does stops the server (issue 17): a port already in use is reported and the server goes on without
 * it; a folder it cannot create keeps jobs in memory only; a job it cannot save (folder gone or not writable, a
 * full disk) is logged and the printer keeps serving.
 */
export async function startDemoPrinter(
  port: number,
  outDir: string,
  log: Log = (m) => console.warn(m),
): Promise<{ port: number; close(): Promise<void> } | null> {
  const start = (dir: string | undefined) => startVirtualPrinter({ port, host: '127.0.0.1', outDir: dir });
  try {
    let printer;
    try {
      printer = await start(outDir);
    } catch (e) {
      // Listening failed, or creating the folder did: try once more without files to tell which.
      printer = await start(undefined);
      log(
        `Máy in ảo không tạo được thư mục ${outDir}, phiếu in chỉ giữ trong bộ nhớ / ` +
          `the virtual printer cannot create ${outDir}, printed slips are kept in memory only: ${reason(e)}`,
      );
    }
    printer.onError((e) =>
      log(
        `Máy in ảo không lưu được phiếu in vào ${outDir} / the virtual printer could not save a job in ${outDir}: ${reason(e)}`,
      ),
    );
    return { port: printer.port, close: () => printer.close() };
  } catch (e) {
    log(
      `Không mở được máy in ảo ở cổng ${port} / could not start the virtual printer on port ${port}: ${reason(e)}`,
    );
    return null;
  }
}
