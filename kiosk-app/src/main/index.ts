// Electron main: only wires (CONVENTIONS 4). app ready → config → window → guards → IPC → page → scanner, keypad.
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { describeConfig, loadConfig, type KioskConfig } from './config.js';
import { registerIpc } from './ipc.js';
import { createLocalPrinter } from './printing.js';
import { sendBookingCodeTo, sendCardTo, sendDossierCodeTo, startScanner } from './scanner.js';
import { claimSingleInstance, hardenApp, installSecurity } from './security.js';
import { typeKeyInto, startKeypad } from './keypad.js';
import { createKioskWindow, keepLoaded, screenUrl } from './window.js';

/** The built preload sits next to the built main (kiosk-app/dist/electron/, see packaging/README.md). */
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));

const log = (message: string): void => console.log(`[kiosk] ${message}`);
let win: BrowserWindow | null = null;

async function start(): Promise<void> {
  let config: KioskConfig;
  try {
    config = loadConfig({ userDataDir: app.getPath('userData') });
  } catch (e) {
    // Shown on the kiosk screen; systemd starts the kiosk again after it is closed.
    dialog.showErrorBox('LấySố Kiosk', (e as Error).message);
    app.exit(1);
    return;
  }
  log(`config ${describeConfig(config)}`);

  Menu.setApplicationMenu(null); // no menu accelerators (reload, DevTools, zoom)
  const dev = !app.isPackaged;
  hardenApp(app, config.serverOrigin, log);
  const window = createKioskWindow(BrowserWindow, { preloadPath: PRELOAD, dev });
  win = window;
  window.on('closed', () => {
    win = null;
  });
  installSecurity(window, { serverOrigin: config.serverOrigin, dev, log });

  const webContents = () => (win && !win.isDestroyed() ? win.webContents : null);
  const printer =
    config.printer.kind === 'local'
      ? createLocalPrinter({
          url: config.printer.url,
          width: config.printer.width,
          centerName: config.centerName,
          log,
        })
      : null;
  registerIpc({ ipcMain, webContents, config, printer, log });
  keepLoaded(window, screenUrl(config.serverUrl, config.screen), { log });

  const scanner = await startScanner({
    settings: config.scanner,
    onCard: sendCardTo(webContents, config.serverOrigin),
    onDossierCode: sendDossierCodeTo(webContents, config.serverOrigin),
    onBookingCode: sendBookingCodeTo(webContents, config.serverOrigin),
    log,
  });
  const keypad = await startKeypad({
    settings: config.ratingKeypad,
    onKey: typeKeyInto(webContents, config.serverOrigin),
    log,
  });
  app.on('before-quit', () => {
    scanner.close();
    keypad.close();
  });
}

if (claimSingleInstance(app, () => win)) {
  app.enableSandbox(); // every renderer sandboxed, whatever a window's options say
  app.commandLine.appendSwitch('disable-pinch'); // a touch screen must not zoom the page
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      console.error('[kiosk] không khởi động được / failed to start', e);
      app.exit(1);
    });
}
