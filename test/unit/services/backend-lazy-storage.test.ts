import { describe, expect, it, vi } from 'vitest';
import { lazyStorage } from '../../../src/services/backend.js';
import type { StorageService } from '../../../src/services/interfaces.js';

const dest = { bucket: 'b', prefix: '', region: 'us-east-1' } as Parameters<StorageService['listBackups']>[0];

describe('lazyStorage', () => {
  it('loads the real service once, on first use, and forwards every call', async () => {
    const real = { listBackups: vi.fn(async () => ['a']), backupSize: vi.fn(async () => 42) } as unknown as StorageService;
    const load = vi.fn(async () => real);
    const storage = lazyStorage(load);
    expect(load).not.toHaveBeenCalled();
    expect(await storage.listBackups(dest)).toEqual(['a']);
    expect(await storage.backupSize(dest, 'x')).toBe(42);
    expect(load).toHaveBeenCalledTimes(1);
    expect(real.backupSize).toHaveBeenCalledWith(dest, 'x');
  });

  it('tries loading again after a failed load', async () => {
    const real = { listBackups: async () => ['a'] } as unknown as StorageService;
    const load = vi.fn<() => Promise<StorageService>>().mockRejectedValueOnce(new Error('no module')).mockResolvedValue(real);
    const storage = lazyStorage(load);
    await expect(storage.listBackups(dest)).rejects.toThrow('no module');
    expect(await storage.listBackups(dest)).toEqual(['a']);
  });
});
