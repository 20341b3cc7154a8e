/**
 * The process around `main`: arguments, streams, terminal detection and the exit. A stream
 * that cannot be written (a full disk, `2>/dev/full`, a closed pipe) ends the run with exit 2
 * and, where stderr still works, one line; never a stack trace.
 */
import { CLI_INPUT_BYTES, readStdin } from '../util/read';
import { main } from './main';

export function runCli(): void {
  let writeFailed = false;
  // A failed write marks the stream `errored` at once but emits 'error' ticks later: look
  // right after each write, and keep the listeners so the late event is not fatal.
  const stdoutFailed = (error?: NodeJS.ErrnoException | null): boolean => {
    const e = error ?? (process.stdout.errored as NodeJS.ErrnoException | null);
    if (e && !writeFailed) {
      writeFailed = true;
      process.stderr.write(`ctconf: cannot write the output: ${e.code ?? e.message}\n`);
    }
    return writeFailed;
  };
  process.stdout.on('error', stdoutFailed);
  process.stderr.on('error', () => {
    writeFailed = true;
  });
  const tty = process.stdout.isTTY === true;
  let code: number;
  try {
    code = main(process.argv.slice(2), {
      stdout: (s) => {
        if (stdoutFailed()) return;
        process.stdout.write(s);
        stdoutFailed();
      },
      stderr: (s) => {
        process.stderr.write(s);
      },
      stdin: () => readStdin(CLI_INPUT_BYTES),
      cwd: process.cwd(),
      tty,
      colour: tty && !process.env.NO_COLOR,
    });
  } catch (e) {
    process.stderr.write(`ctconf: internal error: ${(e as Error).message} (please report this)\n`);
    code = 2;
  }
  // Exit as soon as the output is written: a check of a big file leaves a large heap, and
  // tearing it down gracefully costs tens of milliseconds for nothing.
  const exit = () => process.exit(stdoutFailed() || process.stderr.errored ? 2 : code);
  process.stdout.write('', () => process.stderr.write('', exit));
}
