// Preloaded (`node --import ./bench/probe.mjs ...`) into every server the benchmark starts, the gateway
// included, so each process reports its own CPU and memory accounting over the IPC channel. It adds no
// work per request: it only answers when the harness asks, between and during measured runs.
if (typeof process.send === 'function') {
  process.on('message', (message) => {
    if (message === null || typeof message !== 'object' || message.type !== 'usage') return;
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
  });
  // The channel must not keep a server alive once it is asked to stop.
  process.channel?.unref();
}
