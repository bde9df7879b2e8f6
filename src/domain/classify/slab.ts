/**
 * Small typed arrays handed out as views of a shared slab. A typed array of more than 64 bytes gets its own
 * off-heap buffer (a malloc and a finaliser for the collector to sweep); the router made several per decision
 * (feature vectors, scores, probabilities). A view of a slab is one small on-heap object.
 * Invariant: a slab is only ever bump-allocated, never rewound, so a view handed out is never handed out
 * again; a full slab is dropped (the views still alive keep it alive) and a new one started.
 */
const SLAB_BYTES = 64 * 1024;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** `bytes` bytes aligned to 8, zero-filled (a fresh slab is zeroed and no region is handed out twice). */
function take(bytes: number): [ArrayBuffer, number] | null {
  if (bytes > SLAB_BYTES / 4) return null;
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += (bytes + 7) & ~7;
  return [slab, at];
}

export function slabInt32(length: number): Int32Array {
  const got = take(length * 4);
  return got ? new Int32Array(got[0], got[1], length) : new Int32Array(length);
}

export function slabFloat32(length: number): Float32Array {
  const got = take(length * 4);
  return got ? new Float32Array(got[0], got[1], length) : new Float32Array(length);
}

export function slabFloat64(length: number): Float64Array {
  const got = take(length * 8);
  return got ? new Float64Array(got[0], got[1], length) : new Float64Array(length);
}
