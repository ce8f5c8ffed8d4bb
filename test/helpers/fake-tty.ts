// An in-memory terminal of a chosen size for Ink (ink-testing-library's is
// fixed at 100 columns, no rows): a screen that keeps every frame written, and
// a keyboard that feeds Ink's input as a raw-mode TTY would.
import { EventEmitter } from 'node:events';

export class FakeScreen extends EventEmitter {
  frames: string[] = [];
  last = '';
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  /** The window was resized: Ink and the shell hear it as a terminal's 'resize'. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
  write = (frame: string) => {
    this.frames.push(frame);
    this.last = frame;
    return true;
  };
}

export class FakeKeyboard extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}
