/**
 * A minimal ustar (POSIX tar) writer and reader: regular files only, which is all a node
 * backup holds. Output reads with `tar tzvf` once gzipped. Pure.
 */
export interface TarEntry {
  path: string;
  mode: number;
  data: Buffer;
}

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(entry: TarEntry, mtime: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  const put = (text: string, offset: number, width: number) => h.write(text, offset, width, 'utf8');
  put(entry.path, 0, 100);
  put(octal(entry.mode & 0o7777, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(entry.data.length, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('root', 265, 32);
  put('root', 297, 32);
  const sum = h.reduce((total, byte) => total + byte, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

/** The archive of `entries`, in order. Paths are relative, at most 100 bytes. */
export function writeTar(entries: readonly TarEntry[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (Buffer.byteLength(entry.path) > 100 || entry.path.startsWith('/') || entry.path.split('/').includes('..')) throw new Error(`cannot archive ${entry.path}`);
    parts.push(header(entry, mtime), entry.data, Buffer.alloc((BLOCK - (entry.data.length % BLOCK)) % BLOCK, 0));
  }
  parts.push(Buffer.alloc(BLOCK * 2, 0));
  return Buffer.concat(parts);
}

const text = (h: Buffer, offset: number, width: number) =>
  h
    .subarray(offset, offset + width)
    .toString('utf8')
    .replace(/\0.*$/s, '');
const number = (h: Buffer, offset: number, width: number) => parseInt(text(h, offset, width).trim() || '0', 8);

/** The regular files of an archive, or the first reason it cannot be read (damaged, truncated, unsafe path, not a plain file). */
export function readTar(archive: Buffer): { entries: TarEntry[] } | { problem: string } {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const h = archive.subarray(offset, offset + BLOCK);
    if (h.every((b) => b === 0)) return { entries };
    const stored = number(h, 148, 8);
    const sum = h.reduce((total, byte, i) => total + (i >= 148 && i < 156 ? 32 : byte), 0);
    if (stored !== sum) return { problem: `damaged archive: bad header checksum at byte ${offset}` };
    const path = (text(h, 345, 155) ? `${text(h, 345, 155)}/` : '') + text(h, 0, 100);
    const type = text(h, 156, 1) || '0';
    const size = number(h, 124, 12);
    if (type !== '0') return { problem: `unexpected entry ${path}: only plain files belong in a node backup` };
    if (path === '' || path.startsWith('/') || path.split('/').includes('..')) return { problem: `unsafe path in the archive: ${path}` };
    if (offset + BLOCK + size > archive.length) return { problem: `truncated archive: ${path} is cut short` };
    entries.push({ path, mode: number(h, 100, 8), data: Buffer.from(archive.subarray(offset + BLOCK, offset + BLOCK + size)) });
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return { problem: 'truncated archive: the end-of-archive marker is missing' };
}
