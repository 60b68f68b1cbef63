import { describe, expect, it } from 'vitest';
import { UploadTurns } from '../../../src/release/upload-turns.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('UploadTurns', () => {
  it('lets one upload of a file name to a cluster run at a time, starts at least the spacing apart', async () => {
    const turns = new UploadTurns(60);
    const events: string[] = [];
    const starts: number[] = [];
    const upload = async (who: string) => {
      const end = await turns.takeAll(['GZ'], 'job.zip');
      starts.push(Date.now());
      events.push(`start ${who}`);
      await sleep(10);
      events.push(`end ${who}`);
      end();
    };
    await Promise.all([upload('a'), upload('b'), upload('c')]);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect((starts[1] as number) - (starts[0] as number)).toBeGreaterThanOrEqual(55);
    expect((starts[2] as number) - (starts[1] as number)).toBeGreaterThanOrEqual(55);
  });

  it('does not hold back other names or other clusters', async () => {
    const turns = new UploadTurns(1000);
    const end = await turns.takeAll(['GZ'], 'a.zip');
    const started = Date.now();
    const other = await turns.takeAll(['GZ'], 'b.zip');
    const elsewhere = await turns.takeAll(['TJ'], 'a.zip');
    expect(Date.now() - started).toBeLessThan(100);
    end();
    other();
    elsewhere();
  });

  it('two jobs of one file name on the same two clusters, named in either order, never wait on each other', async () => {
    const turns = new UploadTurns(0);
    const job = async (clusters: string[]) => {
      const end = await turns.takeAll(clusters, 'job.zip');
      await sleep(5);
      end();
      return 'done';
    };
    const both = Promise.all([job(['GZ', 'TJ']), job(['TJ', 'GZ'])]);
    const outcome = await Promise.race([both, sleep(2000).then(() => 'deadlock')]);
    expect(outcome).toEqual(['done', 'done']);
  });
});
