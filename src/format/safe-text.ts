// Text from the cluster or the bucket (names, annotations, messages, logs) is
// untrusted: strip terminal control sequences so nothing can move the cursor,
// retitle the terminal or hide text.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[PX^_][^\u001b]*\u001b\\|\u001b[@-Z\\-_]|[\u0080-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export function safeText(text: string | undefined): string {
  if (!text) return '';
  return text.replace(/\r\n/g, '\n').replace(/\t/g, '  ').replace(ANSI, '').replace(CONTROL, '�');
}

/** One line: newlines become spaces too. */
export function safeLine(text: string | undefined): string {
  return safeText(text).replace(/\n/g, ' ');
}
