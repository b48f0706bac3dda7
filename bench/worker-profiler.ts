// CPU profiles of a page's main thread and its dedicated workers, for `VEILBOX_BENCH_CPU_PROF=DIR npm run bench -- pwa`.
// Playwright's CDP sessions open on pages only, so the workers are reached through the page target's
// auto-attach in non-flat mode: commands go to each worker as Target.sendMessageToTarget, and their
// answers come back as Target.receivedMessageFromTarget events.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

interface WorkerTarget { sessionId: string; title: string }

export interface WorkerProfiler {
  /** Starts sampling every worker attached so far. */
  start(): Promise<void>;
  /** Stops sampling and writes `<label>-main.cpuprofile` and one `<label>-<n>-<worker>.cpuprofile` per worker into the folder. */
  stop(label: string): Promise<void>;
}

export async function profileWorkers(page: Page, dir: string): Promise<WorkerProfiler> {
  mkdirSync(dir, { recursive: true });
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const workers: WorkerTarget[] = [];
  /** The workers sampling now: one attached after start() is not stopped. */
  let started: WorkerTarget[] = [];
  const answers = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (event) => {
    if (event.targetInfo.type === 'worker') workers.push({ sessionId: event.sessionId, title: event.targetInfo.title || event.targetInfo.url });
  });
  cdp.on('Target.detachedFromTarget', (event) => {
    const at = workers.findIndex((w) => w.sessionId === event.sessionId);
    if (at >= 0) workers.splice(at, 1);
  });
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id === undefined) return;
    answers.get(message.id)?.(message.error ? Promise.reject(new Error(message.error.message)) : message.result);
    answers.delete(message.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });

  const send = (target: WorkerTarget, method: string, params: object = {}): Promise<unknown> => {
    const id = nextId++;
    const answered = new Promise<unknown>((resolve) => answers.set(id, resolve));
    void cdp.send('Target.sendMessageToTarget', { sessionId: target.sessionId, message: JSON.stringify({ id, method, params }) });
    return answered;
  };

  return {
    async start() {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      started = [...workers];
      for (const w of started) {
        await send(w, 'Profiler.enable');
        await send(w, 'Profiler.setSamplingInterval', { interval: 200 });
        await send(w, 'Profiler.start');
      }
    },
    async stop(label) {
      const { profile: main } = await cdp.send('Profiler.stop');
      writeFileSync(join(dir, `${label}-main.cpuprofile`), JSON.stringify(main));
      // A worker that ended meanwhile has no profile to give.
      for (const [i, w] of started.filter((s) => workers.includes(s)).entries()) {
        const { profile } = await send(w, 'Profiler.stop') as { profile: unknown };
        writeFileSync(join(dir, `${label}-${i}-${w.title.replace(/[^a-z0-9-]+/gi, '_')}.cpuprofile`), JSON.stringify(profile));
      }
    },
  };
}
