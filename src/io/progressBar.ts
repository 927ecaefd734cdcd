/**
 * A progress callback that draws a bar on stderr when stderr is a terminal and the job is big
 * enough to be worth watching; otherwise it does nothing (no noise in logs, pipes and CI).
 */
export function progressBar(
  label: string,
  minTotal = 200,
): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = -1;
  return (done, total) => {
    if (total < minTotal) return;
    const percent = Math.floor((done / total) * 100);
    if (percent === last && done !== total) return;
    last = percent;
    const width = 30;
    const filled = Math.round((width * done) / total);
    process.stderr.write(
      `\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${percent}% ${done}/${total}`,
    );
    if (done === total) process.stderr.write('\n');
  };
}
