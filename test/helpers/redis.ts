/**
 * A Redis server of the test's own (Debian's redis-server, installed by `npm test`'s
 * scripts/ensure-test-tools.sh) on a free loopback port, without persistence, stopped by the test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '../crash/service.js';

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(dir: string): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess;
  try {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    throw new Error(`redis-server could not be started (scripts/ensure-test-tools.sh installs it): ${error}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.once('error', (error) =>
      reject(
        new Error(`redis-server is missing (scripts/ensure-test-tools.sh installs it): ${error.message}`),
      ),
    );
    child.once('exit', (code) => reject(new Error(`redis-server stopped (${code}):\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Ready to accept connections')) resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
