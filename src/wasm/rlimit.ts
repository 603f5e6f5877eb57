/**
 * The libc calls the sandbox child makes on itself before it runs any plugin code, through
 * bun:ffi: an address-space limit (setrlimit RLIMIT_AS), death with its parent
 * (prctl PR_SET_PDEATHSIG) and execve, so that the limit is in place when the runtime starts.
 *
 * Why re-exec: a Bun process reserves gigabytes of address space at start (its heaps, and 4 GiB
 * per wasm memory); a limit set afterwards stops new mappings but not a wasm memory growing
 * inside its reservation, which then crawls for tens of seconds. Started under the limit, the
 * runtime sizes its reservations to fit and `memory.grow` fails fast.
 */
import { dlopen, FFIType, ptr } from "bun:ffi";

const RLIMIT_AS = 9;
const PR_SET_PDEATHSIG = 1;
const SIGKILL = 9;
const RLIM_INFINITY = 0xffffffffffffffffn;

interface Libc {
  symbols: {
    getrlimit(resource: number, limits: number): number;
    setrlimit(resource: number, limits: number): number;
    prctl(option: number, arg2: number, arg3: number, arg4: number, arg5: number): number;
    execve(path: number, argv: number, envp: number): number;
  };
}

let libc: Libc | undefined;

function open(): Libc {
  libc ??= dlopen("libc.so.6", {
    getrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
    setrlimit: { args: [FFIType.i32, FFIType.ptr], returns: FFIType.i32 },
    prctl: { args: [FFIType.i32, FFIType.u64, FFIType.u64, FFIType.u64, FFIType.u64], returns: FFIType.i32 },
    execve: { args: [FFIType.ptr, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
  }) as unknown as Libc;
  return libc;
}

/** The soft address-space limit in bytes; undefined when unlimited. */
export function addressSpaceLimit(): number | undefined {
  const limits = new BigUint64Array(2);
  if (open().symbols.getrlimit(RLIMIT_AS, ptr(limits)) !== 0) throw new Error("getrlimit(RLIMIT_AS) failed");
  return limits[0] === RLIM_INFINITY ? undefined : Number(limits[0]);
}

/** The kernel kills this process (SIGKILL) when the thread that started it ends: no orphan ever. */
export function dieWithParent(): void {
  if (open().symbols.prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) !== 0) throw new Error("prctl(PR_SET_PDEATHSIG) failed");
}

/**
 * Replaces this process with `argv` (argv[0] the program's path) and `env`, under a soft
 * address-space limit of `bytes` (the hard one is kept, so its children may not exceed it
 * either). Everything the two calls need is allocated first: once the limit is set, this
 * process (which reserved gigabytes at start) cannot map one more page, and an allocation
 * between setrlimit and execve crashes the runtime now and then (a SIGSEGV in Bun). Returns
 * only on failure, by throwing.
 */
export function execUnderAddressSpaceLimit(
  bytes: number,
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
): never {
  const lib = open();
  const current = new BigUint64Array(2);
  if (lib.symbols.getrlimit(RLIMIT_AS, ptr(current)) !== 0) throw new Error("getrlimit(RLIMIT_AS) failed");
  const hard = current[1] ?? RLIM_INFINITY;
  const limits = new BigUint64Array([BigInt(bytes) < hard ? BigInt(bytes) : hard, hard]);
  const strings = [...argv, ...Object.entries(env).map(([key, value]) => `${key}=${value}`)].map((text) =>
    Buffer.from(`${text}\0`),
  );
  const pointers = strings.map((buffer) => BigInt(ptr(buffer)));
  const argvArray = new BigUint64Array([...pointers.slice(0, argv.length), 0n]);
  const envArray = new BigUint64Array([...pointers.slice(argv.length), 0n]);
  const path = strings[0];
  if (path === undefined) throw new Error("execve: empty argv");
  const [limitsPointer, pathPointer, argvPointer, envPointer] = [ptr(limits), ptr(path), ptr(argvArray), ptr(envArray)];
  if (lib.symbols.setrlimit(RLIMIT_AS, limitsPointer) !== 0) throw new Error("setrlimit(RLIMIT_AS) failed");
  lib.symbols.execve(pathPointer, argvPointer, envPointer);
  // execve only returns on failure; the buffers stay referenced until here.
  throw new Error(`execve ${argv[0]} failed (${strings.length} strings)`);
}
