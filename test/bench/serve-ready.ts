/** Waiting for a spawned serve to say it takes work, shared by the memory probes that start one. */

/** Resolves once `url`/ready answers 200 (a serve still starting refuses the connection or answers 503). */
export async function untilReady(url: string): Promise<void> {
  for (;;) {
    const ok = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
