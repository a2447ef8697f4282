import { PrinterError } from './errors.js';

/**
 * Loads an optional native package only when a device is used, so the library (and the server) work on
 * machines without libusb or a serial port. The specifier is a variable on purpose: the type checker and
 * bundlers must not require the package to exist.
 */
export async function importOptional<T>(specifier: string, why: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ specifier)) as T;
  } catch (err) {
    throw new PrinterError(
      'LAYSO_PRINTER_DEPENDENCY_MISSING',
      `${why} needs the optional package "${specifier}" (npm i ${specifier}): ${(err as Error).message}`,
      { cause: err },
    );
  }
}
