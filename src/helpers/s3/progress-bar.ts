/** A transfer's progress as one line: `[########------------]  40%  40.0 MiB / 100.0 MiB  85.3 MiB/s`. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${n.toFixed(1)} ${units[i]}`;
}

export function progressLine(loaded: number, total: number, elapsedMs: number, width = 20): string {
  const fraction = total > 0 ? Math.min(loaded / total, 1) : 0;
  const filled = Math.round(fraction * width);
  const rate = elapsedMs > 0 ? (loaded / elapsedMs) * 1000 : 0;
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent}  ${formatBytes(loaded)} / ${formatBytes(total)}  ${formatBytes(rate)}/s`;
}

/** A part being sent: its number, size and when it began. */
export interface PartInFlight {
  part: number;
  bytes: number;
  startedMs: number;
}

/** An upload's live view: a line per part in flight, then the total's bar. */
export function uploadLines(inFlight: Iterable<PartInFlight>, loaded: number, total: number, elapsedMs: number, nowMs = Date.now()): string[] {
  const parts = [...inFlight].sort((a, b) => a.part - b.part).map((p) => `  part ${String(p.part).padStart(3)}  ${formatBytes(p.bytes)} sending (${((nowMs - p.startedMs) / 1000).toFixed(1)} s)`);
  return [...parts, progressLine(loaded, total, elapsedMs)];
}
