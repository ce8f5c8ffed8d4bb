// A shell command folded to a terminal's width the way a person would type
// it: whole words only, each continued line ending in " \", so a copy of the
// block pastes as one command. A flag stays with its value; a word longer
// than the width keeps its own line (the terminal wraps it) rather than being
// split.

/** Words, with `--flag value` / `-n value` pairs kept as one unit. */
function units(command: string): string[] {
  const words = command.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (w.startsWith('-') && !w.includes('=') && next !== undefined && !next.startsWith('-')) {
      out.push(`${w} ${next}`);
      i++;
    } else out.push(w);
  }
  return out;
}

/** `$ cmd` in lines of at most `width` cells where the words allow. */
export function shellLines(command: string, width: number): string[] {
  const lines: string[] = [];
  let line = '$';
  let empty = true;
  for (const word of units(command)) {
    // Room for " word" plus the " \" a continued line ends with.
    if (!empty && line.length + 1 + word.length + 2 > width) {
      lines.push(`${line} \\`);
      line = '   ';
    }
    line = `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines;
}
