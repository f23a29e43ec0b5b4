/**
 * A CPU profile of the calling thread through the inspector, shared by the bench
 * (scripts/bench-scan.ts) and the integration suites that bound STAR Coach's main-thread runs.
 */
import { Session, type Profiler } from 'node:inspector';

/** Samples this thread's stacks (1 ms apart) until `stop`, through the inspector. */
export async function startProfiler(): Promise<{ stop: () => Promise<Profiler.Profile> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}): Promise<T> =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 1000 });
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

/** The time of a profile's samples that are not idle, in ms (garbage collection included). */
export function busyMs(profile: Profiler.Profile): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let busy = 0;
  // A sample lasts until the next one is taken.
  for (let i = 0; i + 1 < samples.length; i++) if (!idle.has(samples[i])) busy += deltas[i + 1] / 1000;
  return busy;
}
