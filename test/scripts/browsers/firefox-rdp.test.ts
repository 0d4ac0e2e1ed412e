import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connectRdp,
  evaluateInParentProcess,
  rdpFrame,
  rdpPacketReader,
  terminateBackgroundScript,
  type RdpPacket,
} from '../../../scripts/browsers/firefox-rdp.ts';

/**
 * A stand-in for Firefox's debugging server, answering as the real one did in Firefox ESR 140.12
 * (seen with the client against `firefox-esr --start-debugger-server`): the root's greeting
 * first, replies with no `type`, events with one, an evaluation's result as an event after the
 * reply that names it. `answer` gives the packets to send for each request.
 */
async function fakeServer(
  answer: (request: { to: string; type: string; [key: string]: unknown }) => object[],
): Promise<{ port: number; server: Server }> {
  const server = createServer((socket: Socket) => {
    const reader = rdpPacketReader();
    socket.write(rdpFrame({ from: 'root', applicationType: 'browser', traits: {} }));
    socket.on('data', (chunk: Buffer) => {
      for (const request of reader.push(chunk) as unknown as Array<{ to: string; type: string }>) {
        // All of a request's packets in one write: the client must not miss one that comes with another.
        socket.write(Buffer.concat(answer(request).map(rdpFrame)));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

let running: Server | undefined;
afterEach(() => {
  running?.close();
  running = undefined;
});

describe('the debugging protocol client (RDP)', () => {
  it('reads packets split anywhere, several in one chunk, with lengths counted in bytes', () => {
    const bytes = Buffer.concat([rdpFrame({ from: 'a', name: 'café 🍪' }), rdpFrame({ from: 'b', type: 'event' })]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const reader = rdpPacketReader();
      const packets: RdpPacket[] = [...reader.push(bytes.subarray(0, cut)), ...reader.push(bytes.subarray(cut))];
      expect(packets).toEqual([
        { from: 'a', name: 'café 🍪' },
        { from: 'b', type: 'event' },
      ]);
    }
  });

  it('refuses a stream that is not RDP, saying so', () => {
    expect(() => rdpPacketReader().push(Buffer.from('HTTP/1.1 200 OK\r\n:'))).toThrow(/length is not a number/);
  });

  it("terminates an add-on's background script through its descriptor, and says when the add-on is not there", async () => {
    const asked: string[] = [];
    const fake = await fakeServer((request) => {
      asked.push(`${request.to} ${request.type}`);
      if (request.type === 'listAddons')
        return [
          {
            from: 'root',
            addons: [
              { id: 'other@x', actor: 'addon1' },
              { id: 'ours@x', actor: 'addon2' },
            ],
          },
        ];
      // An event of the same actor before its reply: not taken for the reply.
      return [{ from: request.to, type: 'frameUpdate' }, { from: request.to }];
    });
    running = fake.server;
    const rdp = await connectRdp(fake.port);
    await terminateBackgroundScript(rdp, 'ours@x');
    // A Firefox that lists no background status: the request is all there is to go on.
    expect(asked).toEqual(['root listAddons', 'addon2 terminateBackgroundScript', 'root listAddons']);
    await expect(terminateBackgroundScript(rdp, 'missing@x')).rejects.toThrow('no add-on missing@x installed');
    rdp.close();
  });

  it('waits until the add-on is listed with its background stopped, and asks again while it is listed running', async () => {
    let terminations = 0;
    const fake = await fakeServer((request) => {
      if (request.type === 'listAddons') {
        // Still running after the first request, stopped after the second.
        const backgroundScriptStatus = terminations >= 2 ? 'STOPPED' : 'RUNNING';
        return [{ from: 'root', addons: [{ id: 'ours@x', actor: 'addon2', backgroundScriptStatus }] }];
      }
      terminations++;
      return [{ from: request.to }];
    });
    running = fake.server;
    const rdp = await connectRdp(fake.port);
    await terminateBackgroundScript(rdp, 'ours@x');
    expect(terminations).toBe(2);
    rdp.close();
  });

  it("evaluates in the parent process: the value as JSON, the expression's error and the actor's error as errors", async () => {
    let evaluations = 0;
    const fake = await fakeServer((request) => {
      if (request.type === 'getProcess') return [{ from: 'root', processDescriptor: { actor: 'process0' } }];
      if (request.type === 'getTarget') return [{ from: 'process0', process: { consoleActor: 'console1' } }];
      const text = String(request.text);
      const resultID = `r${++evaluations}`;
      if (text.includes('unknownActor')) return [{ from: 'console1', error: 'unknownError', message: 'no such actor' }];
      // The expression is wrapped to come back as JSON text, its error caught.
      expect(text).toMatch(/^\(async \(\) => \{ try \{ return JSON\.stringify\(\{ value: await \(/);
      expect(request.mapped).toEqual({ await: true });
      const value = text.includes('fails') ? JSON.stringify({ error: 'Error: no tab' }) : JSON.stringify({ value: { id: 'tool-1' } });
      return [
        { from: 'console1', resultID },
        { from: 'console1', type: 'evaluationResult', resultID, result: value },
      ];
    });
    running = fake.server;
    const rdp = await connectRdp(fake.port);
    expect(await evaluateInParentProcess(rdp, 'toolbox', 'Promise.resolve(1)')).toEqual({ id: 'tool-1' });
    await expect(evaluateInParentProcess(rdp, 'toolbox', 'fails()')).rejects.toThrow('toolbox: Error: no tab');
    await expect(evaluateInParentProcess(rdp, 'toolbox', 'unknownActor')).rejects.toThrow(
      /RDP evaluateJSAsync to console1: unknownError \(no such actor\)/,
    );
    // The failed request's wait for a result is gone: the next evaluation gets its own.
    expect(await evaluateInParentProcess(rdp, 'toolbox', 'Promise.resolve(2)')).toEqual({ id: 'tool-1' });
    rdp.close();
  });

  it('says plainly when no debugging server answers on the port', async () => {
    const fake = await fakeServer(() => []);
    const { port } = fake;
    await new Promise((resolve) => fake.server.close(resolve));
    await expect(connectRdp(port, 300)).rejects.toThrow(`RDP: no debugging server on port ${port}`);
  });
});
