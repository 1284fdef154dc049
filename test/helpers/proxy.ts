/**
 * Several instances behind one address, as a load balancer puts them: each request goes to the next
 * instance in turn. The targets are asked for each request, so instances can be restarted on new ports.
 */
import { request } from 'node:http';
import { listenOnLoopback } from './listen.js';

export interface ProxyServer {
  url: string;
  /** The target of every request so far, in order. */
  served: string[];
  close(): Promise<void>;
}

export async function roundRobinProxy(targets: () => string[]): Promise<ProxyServer> {
  const served: string[] = [];
  const { url, close } = await listenOnLoopback((incoming, outgoing) => {
    const list = targets();
    const target = list[served.length % list.length] as string;
    served.push(target);
    const forwarded = request(
      `${target}${incoming.url ?? '/'}`,
      { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host }, agent: false },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => {
      outgoing.statusCode = 502;
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  return { url, served, close };
}
