/** Did-you-mean for a misspelt name: input members (input-check.ts) and members called at the prompt. */

/** The member nearest to a misspelt name (case, a missing plural, a typo or two). */
export function nearest(name: string, members: string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  };
  const scored = members.map((m) => [m, distance(name.toLowerCase(), m.toLowerCase())] as const).sort((a, b) => a[1] - b[1]);
  return scored[0] && scored[0][1] <= Math.max(2, Math.floor(name.length / 4)) ? scored[0][0] : undefined;
}
