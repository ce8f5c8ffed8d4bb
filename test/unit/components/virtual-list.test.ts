import { describe, expect, it } from 'vitest';
import { moveCursor, scrollOffset } from '../../../src/components/virtual-list.js';

describe('virtual list window', () => {
  it('keeps the offset while the cursor is visible and scrolls just enough when it leaves', () => {
    expect(scrollOffset(5000, 0, 20, 0)).toBe(0);
    expect(scrollOffset(5000, 19, 20, 0)).toBe(0);
    expect(scrollOffset(5000, 20, 20, 0)).toBe(1);
    expect(scrollOffset(5000, 30, 20, 25)).toBe(25);
    expect(scrollOffset(5000, 10, 20, 25)).toBe(10);
    expect(scrollOffset(5000, 4999, 20, 0)).toBe(4980);
  });

  it('clamps a stale offset when the list shrinks, and shows short lists from the top', () => {
    expect(scrollOffset(30, 29, 20, 4000)).toBe(10);
    expect(scrollOffset(10, 9, 20, 5)).toBe(0);
    expect(scrollOffset(0, 0, 20, 5)).toBe(0);
  });

  it('moves the cursor by line, page and to the ends, within bounds', () => {
    expect(moveCursor(0, 'up', 100, 20)).toBe(0);
    expect(moveCursor(0, 'down', 100, 20)).toBe(1);
    expect(moveCursor(0, 'pgdn', 100, 20)).toBe(19);
    expect(moveCursor(95, 'pgdn', 100, 20)).toBe(99);
    expect(moveCursor(50, 'pgup', 100, 20)).toBe(31);
    expect(moveCursor(50, 'home', 100, 20)).toBe(0);
    expect(moveCursor(50, 'end', 100, 20)).toBe(99);
    expect(moveCursor(3, 'down', 0, 20)).toBe(0);
  });
});
