// Preloaded (`node --import ./bench/probe.mjs ...`) into every server the benchmark starts, the gateway
// included, so each process reports its own CPU and memory accounting over the IPC channel. It adds no
// work per request: it only answers when the harness asks, between and during measured runs.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full GC on demand, for the soak's leak check: live heap after GC does not saw-tooth like RSS. */
let collect;
function fullGc() {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc');
  }
  collect();
}

if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message === null || typeof message !== 'object') return;
    if (message.type === 'usage') {
      const cpu = process.cpuUsage();
      process.send({
        type: 'usage',
        seq: message.seq,
        userUs: cpu.user,
        systemUs: cpu.system,
        rssBytes: process.memoryUsage.rss(),
        // resourceUsage reports kilobytes.
        maxRssBytes: process.resourceUsage().maxRSS * 1024,
      });
    } else if (message.type === 'heap') {
      fullGc();
      const memory = process.memoryUsage();
      process.send({ type: 'heap', seq: message.seq, heapUsedBytes: memory.heapUsed, rssBytes: memory.rss });
    }
  });
  // A harness that dies (even by SIGKILL) closes the channel: leave no orphaned server behind.
  process.on('disconnect', () => process.exit(0));
  // The channel must not keep a server alive once it is asked to stop.
  process.channel?.unref();
}
