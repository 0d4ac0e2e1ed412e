/**
 * A small client of Firefox's DevTools remote debugging protocol (RDP), the one about:debugging
 * and web-ext speak: what the Firefox tests need of Firefox's own code and WebDriver BiDi does
 * not offer in every Firefox ESR Debian installs: 153 has BiDi's chrome scope, 140.12 has not
 * (`browsingContext.getTree` with `moz:scope: "chrome"` answers content contexts there, where
 * `WebExtensionPolicy` and `gBrowser` are undefined), and Marionette, which still has a chrome context, refuses a second
 * session beside puppeteer's BiDi one ("Maximum number of active sessions"). The debugging server
 * is apart from both: Firefox starts it with `--start-debugger-server PORT` (debuggerServerArgs).
 *
 * Packets are JSON, each prefixed by its length in bytes and a colon, both ways. A request goes
 * `to` an actor with a `type`; its reply comes `from` that actor with no `type` (or with an
 * `error`), in the order asked; a packet with a `type` is an event.
 */
import { connect, createServer, type Socket } from 'node:net';

/** An RDP packet: `from` the actor that sent it, the rest as that actor says. */
export type RdpPacket = { from: string; type?: string; error?: string; message?: string; [key: string]: unknown };

/** Splits a byte stream into RDP packets; `push` returns those the bytes so far complete. */
export function rdpPacketReader(): { push(chunk: Buffer): RdpPacket[] } {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const packets: RdpPacket[] = [];
      for (;;) {
        const colon = pending.indexOf(0x3a);
        if (colon < 0) break;
        const header = pending.subarray(0, colon).toString('latin1');
        if (!/^\d+$/.test(header)) throw new Error(`RDP: a packet's length is not a number (${JSON.stringify(header.slice(0, 20))})`);
        const end = colon + 1 + Number(header);
        if (pending.length < end) break;
        packets.push(JSON.parse(pending.subarray(colon + 1, end).toString('utf8')) as RdpPacket);
        pending = pending.subarray(end);
      }
      return packets;
    },
  };
}

/** One RDP packet as sent: its length in bytes, a colon, the JSON. */
export function rdpFrame(packet: object): Buffer {
  const body = Buffer.from(JSON.stringify(packet), 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}:`, 'latin1'), body]);
}

/** A free TCP port on the loopback interface, for the debugging server. */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Firefox's arguments and prefs that start its debugging server on `port`, without the prompt a headless browser could not answer. */
export function debuggerServerArgs(port: number): { args: string[]; prefs: Record<string, boolean> } {
  return {
    args: ['--start-debugger-server', String(port)],
    prefs: {
      'devtools.debugger.remote-enabled': true,
      // The parent process (the browser window's own code), for evaluateInParentProcess.
      'devtools.chrome.enabled': true,
      'devtools.debugger.prompt-connection': false,
    },
  };
}

export type RdpClient = {
  /** Sends `type` to the actor `to` and resolves to its reply; rejects with the actor's error. */
  request(to: string, type: string, params?: object): Promise<RdpPacket>;
  /** Resolves to the next packet `matches` accepts (an event the caller waits for); rejects once `signal` aborts, no longer waiting. */
  next(matches: (packet: RdpPacket) => boolean, signal?: AbortSignal): Promise<RdpPacket>;
  close(): void;
};

/** Connects to the debugging server on `port`, trying again while it starts (up to `timeoutMs`). */
export async function connectRdp(port: number, timeoutMs = 10_000): Promise<RdpClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await openRdp(port);
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`RDP: no debugging server on port ${port} (${String(error)})`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function openRdp(port: number): Promise<RdpClient> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const reader = rdpPacketReader();
    // Each waiting caller, in the order asked: a packet goes to the first that accepts it.
    const waiting: Array<{ accepts: (packet: RdpPacket) => boolean; settle: (packet: RdpPacket | Error) => void }> = [];
    const wait = (accepts: (packet: RdpPacket) => boolean, signal?: AbortSignal) =>
      new Promise<RdpPacket>((resolvePacket, rejectPacket) => {
        const waiter = {
          accepts,
          settle: (packet: RdpPacket | Error) => (packet instanceof Error ? rejectPacket(packet) : resolvePacket(packet)),
        };
        waiting.push(waiter);
        signal?.addEventListener('abort', () => {
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
          rejectPacket(signal.reason instanceof Error ? signal.reason : new Error('RDP: no longer waiting'));
        });
      });
    const failAll = (error: Error) => {
      for (const waiter of waiting.splice(0)) waiter.settle(error);
    };
    const client: RdpClient = {
      request(to, type, params = {}) {
        const reply = wait((packet) => packet.from === to && (packet.type === undefined || packet.error !== undefined));
        socket.write(rdpFrame({ to, type, ...params }));
        return reply.then((packet) => {
          if (packet.error !== undefined)
            throw new Error(`RDP ${type} to ${to}: ${packet.error}${packet.message ? ` (${packet.message})` : ''}`);
          return packet;
        });
      },
      next: wait,
      close: () => socket.destroy(),
    };
    // The server speaks first: the root actor's greeting.
    void wait((packet) => packet.from === 'root').then(() => resolve(client), reject);
    socket.on('data', (chunk: Buffer) => {
      let packets: RdpPacket[];
      try {
        packets = reader.push(chunk);
      } catch (error) {
        failAll(error as Error);
        socket.destroy();
        return;
      }
      for (const packet of packets) {
        const index = waiting.findIndex((waiter) => waiter.accepts(packet));
        if (index >= 0) waiting.splice(index, 1)[0]!.settle(packet);
      }
    });
    socket.on('error', (error) => failAll(error));
    socket.on('close', () => failAll(new Error('RDP: the debugging server closed the connection')));
  });
}

/** The add-on `addonId` as the debugging server lists it, with its background's status ('RUNNING', 'STOPPED'). */
async function listedAddon(rdp: RdpClient, addonId: string): Promise<{ actor: string; backgroundScriptStatus?: string }> {
  const { addons } = (await rdp.request('root', 'listAddons')) as unknown as {
    addons: Array<{ id: string; actor: string; backgroundScriptStatus?: string }>;
  };
  const addon = addons.find((candidate) => candidate.id === addonId);
  if (!addon) throw new Error(`RDP: no add-on ${addonId} installed`);
  return addon;
}

/**
 * Terminates the background script of the add-on `addonId`, as about:debugging's "Terminate
 * background script" does, and resolves once the debugging server lists it stopped: the request
 * is answered before that, and was seen to leave a background running (a test that wrote storage
 * behind it then met the old background's view of it, one full run in four). Asked again while it
 * is listed running, for up to five seconds.
 */
export async function terminateBackgroundScript(rdp: RdpClient, addonId: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const addon = await listedAddon(rdp, addonId);
    await rdp.request(addon.actor, 'terminateBackgroundScript');
    for (let look = 0; look < 10; look++) {
      const status = (await listedAddon(rdp, addonId)).backgroundScriptStatus;
      // A Firefox that does not list it: the request is all there is to go on.
      if (status === undefined || status === 'STOPPED') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (Date.now() > deadline) throw new Error(`RDP: the background of ${addonId} is still listed running after 5 s`);
  }
}

/**
 * Evaluates `expression` (awaited when a promise) in Firefox's parent process, in its browser
 * window (gBrowser, WebExtensionPolicy and ChromeUtils are there), as the Browser Console does,
 * and resolves to its value, which must survive JSON; `what` names it in the error when it throws.
 */
export async function evaluateInParentProcess(rdp: RdpClient, what: string, expression: string): Promise<unknown> {
  const { processDescriptor } = (await rdp.request('root', 'getProcess', { id: 0 })) as unknown as { processDescriptor: { actor: string } };
  const { process } = (await rdp.request(processDescriptor.actor, 'getTarget')) as unknown as { process: { consoleActor: string } };
  // The value comes back as JSON text: a string is sent whole, an object only as a reference.
  const text = `(async () => { try { return JSON.stringify({ value: await (${expression}) }); } catch (error) { return JSON.stringify({ error: String(error) }); } })()`;
  // Waited for before asking: the result may come in the same read as the reply that names it.
  const noResult = new AbortController();
  const evaluated = rdp.next((packet) => packet.type === 'evaluationResult' && packet.from === process.consoleActor, noResult.signal);
  evaluated.catch(() => undefined);
  let resultID: unknown;
  try {
    ({ resultID } = await rdp.request(process.consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } }));
  } catch (error) {
    noResult.abort(error);
    throw error;
  }
  const result = (await evaluated) as unknown as { resultID: unknown; result: unknown; exceptionMessage?: string };
  if (result.resultID !== resultID) throw new Error(`${what}: the result of another evaluation came back`);
  const { result: json, exceptionMessage } = result;
  if (typeof json !== 'string') throw new Error(`${what}: ${exceptionMessage ?? `no result (${JSON.stringify(json)})`}`);
  const outcome = JSON.parse(json) as { value?: unknown; error?: string };
  if (outcome.error !== undefined) throw new Error(`${what}: ${outcome.error}`);
  return outcome.value;
}
