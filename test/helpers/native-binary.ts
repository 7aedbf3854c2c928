/**
 * Reads the symbols of a native addon (ELF, PE or Mach-O, thin or universal) to tell an N-API addon, which loads in
 * any Node or Electron, from one bound to one V8 ABI (NODE_MODULE_VERSION). Plain parsing: no binutils needed.
 */

/** What a binary exports and imports by name. */
export interface NativeSymbols {
  readonly format: 'elf' | 'pe' | 'macho';
  readonly exports: ReadonlySet<string>;
  readonly imports: ReadonlySet<string>;
}

/** Whether an addon is N-API: it exports N-API's entry point and uses nothing of node:: or v8:: C++. */
export function napiVerdict(s: NativeSymbols): { readonly napi: boolean; readonly why: string } {
  const entry = ['napi_register_module_v1', 'node_api_module_get_api_version_v1'].find((n) =>
    s.exports.has(n),
  );
  const bound = [...s.exports].find((n) => /^node_register_module_v\d+$/.test(n));
  const cxx = [...s.imports].find((n) => /^_ZN(2v8|4node)|@v8@@|@node@@/.test(n));
  if (bound) return { napi: false, why: `exports ${bound} (bound to one NODE_MODULE_VERSION)` };
  if (cxx) return { napi: false, why: `imports the V8/Node C++ symbol ${cxx}` };
  if (!entry) return { napi: false, why: 'exports no N-API entry point (napi_register_module_v1)' };
  return { napi: true, why: `exports ${entry}, imports no V8/Node C++ symbol` };
}

const cstr = (b: Buffer, at: number, end = b.length): string => {
  const stop = b.indexOf(0, at);
  return b.toString('latin1', at, stop < 0 || stop > end ? end : stop);
};

/** Reads the symbols of one binary; throws on a format it does not know. */
export function readSymbols(b: Buffer): NativeSymbols {
  if (b.readUInt32BE(0) === 0x7f454c46) return elf(b);
  if (b.toString('latin1', 0, 2) === 'MZ') return pe(b);
  const magic = b.readUInt32BE(0);
  if ([0xcafebabe, 0xfeedfacf, 0xcffaedfe, 0xfeedface, 0xcefaedfe].includes(magic)) return macho(b);
  throw new Error(`not an ELF, PE or Mach-O file (magic ${magic.toString(16)})`);
}

/** ELF: the dynamic symbol table (.dynsym with its .dynstr); defined globals are exports, undefined ones imports. */
function elf(b: Buffer): NativeSymbols {
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(o));
  const shoff = word(is64 ? 0x28 : 0x20);
  const shentsize = u16(is64 ? 0x3a : 0x2e);
  const shnum = u16(is64 ? 0x3c : 0x30);
  const section = (i: number) => {
    const o = shoff + i * shentsize;
    return {
      type: u32(o + 4),
      offset: word(o + (is64 ? 0x18 : 0x10)),
      size: word(o + (is64 ? 0x20 : 0x14)),
      link: u32(o + (is64 ? 0x28 : 0x18)),
      entsize: word(o + (is64 ? 0x38 : 0x24)),
    };
  };
  const exports = new Set<string>();
  const imports = new Set<string>();
  for (let i = 0; i < shnum; i++) {
    const sym = section(i);
    if (sym.type !== 11) continue; // SHT_DYNSYM
    const strtab = section(sym.link);
    for (let o = sym.offset + sym.entsize; o < sym.offset + sym.size; o += sym.entsize) {
      const name = cstr(b, strtab.offset + u32(o), strtab.offset + strtab.size);
      const info = b[o + (is64 ? 4 : 12)]!;
      const shndx = u16(o + (is64 ? 6 : 14));
      if (!name || info >> 4 === 0) continue; // local
      (shndx === 0 ? imports : exports).add(name);
    }
  }
  return { format: 'elf', exports, imports };
}

/** PE: names in the export directory, and the names it imports from other modules. */
function pe(b: Buffer): NativeSymbols {
  const peOff = b.readUInt32LE(0x3c);
  const opt = peOff + 24;
  const pe32plus = b.readUInt16LE(opt) === 0x20b;
  const dirs = opt + (pe32plus ? 112 : 96);
  const nsec = b.readUInt16LE(peOff + 6);
  const secs = opt + b.readUInt16LE(peOff + 20);
  const rva = (r: number) => {
    for (let i = 0; i < nsec; i++) {
      const s = secs + i * 40;
      const va = b.readUInt32LE(s + 12);
      const size = Math.max(b.readUInt32LE(s + 8), b.readUInt32LE(s + 16));
      if (r >= va && r < va + size) return r - va + b.readUInt32LE(s + 20);
    }
    throw new Error(`PE: address ${r.toString(16)} outside every section`);
  };
  const exports = new Set<string>();
  const imports = new Set<string>();
  const expRva = b.readUInt32LE(dirs);
  if (expRva) {
    const e = rva(expRva);
    const names = rva(b.readUInt32LE(e + 32));
    for (let i = 0; i < b.readUInt32LE(e + 24); i++) exports.add(cstr(b, rva(b.readUInt32LE(names + 4 * i))));
  }
  const impRva = b.readUInt32LE(dirs + 8);
  if (impRva) {
    for (let d = rva(impRva); b.readUInt32LE(d + 12) !== 0; d += 20) {
      const thunks = b.readUInt32LE(d) || b.readUInt32LE(d + 16);
      for (let t = rva(thunks); ; t += pe32plus ? 8 : 4) {
        const v = pe32plus ? b.readBigUInt64LE(t) : BigInt(b.readUInt32LE(t));
        if (v === 0n) break;
        const byOrdinal = pe32plus ? v >> 63n === 1n : v >> 31n === 1n;
        if (!byOrdinal) imports.add(cstr(b, rva(Number(v & 0x7fffffffn)) + 2));
      }
    }
  }
  return { format: 'pe', exports, imports };
}

/** Mach-O (each slice of a universal file): LC_SYMTAB's external symbols, without the leading underscore. */
function macho(b: Buffer): NativeSymbols {
  const exports = new Set<string>();
  const imports = new Set<string>();
  const slices =
    b.readUInt32BE(0) === 0xcafebabe
      ? Array.from({ length: b.readUInt32BE(4) }, (_, i) => b.readUInt32BE(8 + i * 20 + 8))
      : [0];
  for (const base of slices) {
    const le = b.readUInt32LE(base) === 0xfeedfacf || b.readUInt32LE(base) === 0xfeedface;
    const u32 = (o: number) => (le ? b.readUInt32LE(base + o) : b.readUInt32BE(base + o));
    const is64 = (u32(0) & 1) === 1;
    let cmd = is64 ? 32 : 28;
    for (let i = 0; i < u32(16); i++, cmd += u32(cmd + 4)) {
      if (u32(cmd) !== 2) continue; // LC_SYMTAB
      const [symoff, nsyms, stroff] = [u32(cmd + 8), u32(cmd + 12), u32(cmd + 16)];
      const size = is64 ? 16 : 12;
      for (let s = 0; s < nsyms; s++) {
        const o = symoff + s * size;
        const type = b[base + o + 4]!;
        if ((type & 0xe0) !== 0 || (type & 0x01) === 0) continue; // debug entries, non-external
        const name = cstr(b, base + stroff + u32(o)).replace(/^_/, '');
        ((type & 0x0e) === 0 ? imports : exports).add(name);
      }
    }
  }
  return { format: 'macho', exports, imports };
}
