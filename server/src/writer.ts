/**
 * The server's message writer on stdio: each message goes out in one synchronous write, header
 * and body together, the moment it is produced.
 *
 * vscode-jsonrpc's stream writer queues each message behind a `setImmediate` and awaits the
 * header's write callback before writing the body, so a response waited behind whatever
 * synchronous work the next event-loop turn began: a hover answered in 1 ms reached the client
 * 690 ms later, after the outline of a 500,000-line config that was asked for next.
 */
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class StdioMessageWriter extends AbstractMessageWriter implements MessageWriter {
  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: unknown) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    try {
      const body = Buffer.from(JSON.stringify(msg), 'utf8');
      this.out.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
      return Promise.resolve();
    } catch (e) {
      this.fireError(e, msg);
      return Promise.reject(e);
    }
  }

  end(): void {}
}
