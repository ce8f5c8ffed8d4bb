import { describe, expect, it } from 'vitest';
import {
  chunks,
  classifyLogLine,
  compactLogrus,
  findMatches,
  logLines,
  maxTop,
  nextIndex,
  rowsOf,
  splitMatches,
  topFor,
} from '../../../src/components/log-viewer-lines.js';

const LOG = [
  'time="2025-06-12T10:00:01Z" level=info msg="Setting up backup log" backup=velero/harness-q8rtx logSource="pkg/controller/backup_controller.go:641"',
  'time="2025-06-12T10:00:02Z" level=warning msg="Volume cache is an emptyDir volume, skipping" backup=velero/harness-q8rtx logSource="pkg/backup/backup.go:518" namespace=harness',
  'time="2025-06-12T10:00:03Z" level=error msg="pod volume backup failed: \\"kopia\\" deadline" backup=velero/harness-q8rtx error.file="/go/x.go:12" namespace=harness',
  'plain text that failed somewhere',
  'time="2025-06-12T10:00:04Z" level=info msg="Backup completed" backup=velero/harness-q8rtx',
  '',
].join('\n');

describe('log lines', () => {
  it('classifies logrus levels, and keywords in other text', () => {
    const lines = logLines(LOG);
    expect(lines.map((l) => l.tone)).toEqual([undefined, 'warn', 'error', 'error', undefined]);
    expect(classifyLogLine('time="x" level=info msg="no error here"')).toBeUndefined();
    expect(classifyLogLine('level=debug msg=x')).toBe('muted');
    expect(classifyLogLine('WARNING: disk almost full')).toBe('warn');
  });

  it('shows logrus lines compactly without the repeated fields, and leaves other lines alone', () => {
    const lines = logLines(LOG, { compact: true, drop: ['backup', 'logSource'] }).map((l) => l.text);
    expect(lines[0]).toBe('10:00:01 INFO  Setting up backup log');
    expect(lines[1]).toBe('10:00:02 WARN  Volume cache is an emptyDir volume, skipping namespace=harness');
    expect(lines[2]).toBe('10:00:03 ERROR pod volume backup failed: "kopia" deadline error.file=/go/x.go:12 namespace=harness');
    expect(lines[3]).toBe('plain text that failed somewhere');
    expect(compactLogrus('no fields at all')).toBe('no fields at all');
  });

  it('strips terminal control sequences from the bucket text', () => {
    expect(logLines('evil \u001b]0;title\u0007line \u001b[2Jhere').map((l) => l.text)).toEqual(['evil line here']);
  });
});

describe('log search', () => {
  const lines = logLines(LOG);
  it('finds matching lines case-insensitively and moves between them with wrap-around', () => {
    const m = findMatches(lines, 'HARNESS-Q8RTX');
    expect(m).toEqual([0, 1, 2, 4]);
    expect(nextIndex(m, 2, 1)).toBe(4);
    expect(nextIndex(m, 4, 1)).toBe(0);
    expect(nextIndex(m, 0, -1)).toBe(4);
    expect(nextIndex(m, 3, -1)).toBe(2);
    expect(nextIndex([], 0, 1)).toBeUndefined();
    expect(findMatches(lines, '')).toEqual([]);
  });

  it('splits a line around matches for highlighting', () => {
    expect(splitMatches('Error: an error', 'error')).toEqual([
      { text: 'Error', match: true },
      { text: ': an ', match: false },
      { text: 'error', match: true },
    ]);
    expect(splitMatches('abc', '')).toEqual([{ text: 'abc', match: false }]);
  });
});

describe('wrapping and scroll limits', () => {
  it('wraps at spaces when it can, mid-word when it must, and counts rows exactly', () => {
    expect(chunks('aaaa bbbb cccc', 9)).toEqual(['aaaa bbbb', 'cccc']);
    expect(chunks('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(chunks('short', 10)).toEqual(['short']);
    expect(rowsOf({ text: 'abcdefghij' }, 4, true)).toBe(3);
    expect(rowsOf({ text: 'abcdefghij' }, 4, false)).toBe(1);
  });

  it('never scrolls past the end, and puts a jump target a third down the pane', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ text: `line ${i}` }));
    expect(maxTop(many, 20, 80, true)).toBe(80);
    expect(maxTop(many.slice(0, 5), 20, 80, true)).toBe(0);
    const wide = [...many.slice(0, 98), { text: 'x'.repeat(200) }, { text: 'y'.repeat(200) }];
    expect(maxTop(wide, 20, 80, true)).toBe(100 - 2 - 14);
    expect(topFor(many, 50, 21, 80, true)).toBe(44);
    expect(topFor(many, 2, 21, 80, true)).toBe(0);
  });
});
