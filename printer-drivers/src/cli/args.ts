import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The commands' shared front door: strict options plus `-h/--help` (prints `help`, exits 0); a parse error goes
 * to the command's own `fail`.
 */
export function parseCli<O extends Options>(options: O, help: string, fail: (message: string) => never) {
  try {
    const { values } = parseArgs({
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if ((values as { help?: boolean }).help) {
      console.log(help);
      process.exit(0);
    }
    return values as ReturnType<typeof parseArgs<{ options: O; strict: true }>>['values'];
  } catch (err) {
    return fail((err as Error).message);
  }
}
