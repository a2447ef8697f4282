import { startVirtualPrinter } from '@layso/printer-drivers';

/**
 * Demo mode's virtual ESC/POS printer on 127.0.0.1: every job is saved as `.bin` + `.png` in `outDir`.
 * A port already in use is reported and the server goes on without it.
 */
export async function startDemoPrinter(
  port: number,
  outDir: string,
): Promise<{ port: number; close(): Promise<void> } | null> {
  try {
    const printer = await startVirtualPrinter({ port, host: '127.0.0.1', outDir });
    return { port: printer.port, close: () => printer.close() };
  } catch (e) {
    console.warn(
      `Không mở được máy in ảo ở cổng ${port} / could not start the virtual printer on port ${port}:`,
      e instanceof Error ? e.message : e,
    );
    return null;
  }
}
