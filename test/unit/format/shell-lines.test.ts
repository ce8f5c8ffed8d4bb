import { describe, expect, it } from 'vitest';
import { shellLines } from '../../../src/format/shell-lines.js';

describe('shellLines', () => {
  it('keeps a short command on one line', () => {
    expect(shellLines('velero restore get', 80)).toEqual(['$ velero restore get']);
  });

  it('folds between words, a flag with its value, with " \\" continuations, none wider than the width', () => {
    const cmd = 'velero restore create r-1 --from-backup b-1 --include-namespaces harness --selector kots.io/app-slug=harness --restore-volumes=true';
    const lines = shellLines(cmd, 41);
    expect(lines).toEqual([
      '$ velero restore create r-1 \\',
      '    --from-backup b-1 \\',
      '    --include-namespaces harness \\',
      '    --selector kots.io/app-slug=harness \\',
      '    --restore-volumes=true',
    ]);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(41);
    // Pasted into a shell, the continuations join back into the same words.
    expect(lines.join('\n').replace(/ \\\n\s+/g, ' ').slice(2)).toBe(cmd);
  });

  it('never splits a word longer than the width', () => {
    const long = 'configmaps,deployments.apps,persistentvolumeclaims,pods,secrets';
    expect(shellLines(`kubectl -n harness delete ${long} -l a=b`, 30)).toEqual(['$ kubectl -n harness delete \\', `    ${long} \\`, '    -l a=b']);
  });
});
