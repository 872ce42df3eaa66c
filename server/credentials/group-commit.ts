/**
 * Group commit: calls arriving while a batch is being stored wait and go together in the next
 * one, so many issuances share one transaction (and one turn at the log's append lock). If a
 * batch fails, its items are retried one by one, so each caller gets its own outcome.
 */
export function groupCommit<T, R>(run: (items: T[]) => Promise<R[]>, maxBatch = 64): (item: T) => Promise<R> {
  const queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      try {
        const results = await run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else for (const b of batch) await run([b.item]).then(([r]) => b.resolve(r), b.reject);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
