/** "Did you mean …?": the closest of several words by edit distance (used by the CLI, the build and the mapping checks). */
/** Edit distance, for "did you mean". */
export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function closest(word: string, choices: string[]): string | undefined {
  let best: string | undefined;
  let dist = Number.POSITIVE_INFINITY;
  for (const c of choices) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < dist) [best, dist] = [c, d];
  }
  return best !== undefined && dist <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
