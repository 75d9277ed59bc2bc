/**
 * Compute workloads for the interpreter benchmark, written in the wasm text format: each
 * module exports `run(n)` returning a checksum, so the interpreter's result can be checked
 * against V8's on the same module.
 */

/** One workload: its module text, the argument of `run`, and what it exercises. */
export interface Workload {
  readonly name: string;
  readonly what: string;
  readonly wat: string;
  /** Argument of `run(n)`. */
  readonly n: number;
}

const fib = `(module
  (func $fib (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1)))
                     (call $fib (i32.sub (local.get $n) (i32.const 2)))))))
  (func (export "run") (param $n i32) (result i32) (call $fib (local.get $n))))`;

const sieve = `(module
  (memory 16)
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $count i32)
    (memory.fill (i32.const 0) (i32.const 0) (local.get $n))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (i32.mul (local.get $i) (local.get $i)) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then
            (local.set $j (i32.mul (local.get $i) (local.get $i)))
            (block $inner_done
              (loop $inner
                (br_if $inner_done (i32.gt_u (local.get $j) (local.get $n)))
                (i32.store8 (local.get $j) (i32.const 1))
                (local.set $j (i32.add (local.get $j) (local.get $i)))
                (br $inner)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.set $i (i32.const 2))
    (block $end
      (loop $count_loop
        (br_if $end (i32.gt_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.load8_u (local.get $i)))
          (then (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $count_loop)))
    (local.get $count)))`;

const matmul = `(module
  (memory 4)
  ;; C = A * B for n x n f64 matrices at 0, n*n*8 and 2*n*n*8; returns trunc(sum of C).
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $j i32) (local $k i32) (local $acc f64) (local $b i32) (local $c i32)
    (local $sum f64)
    (local.set $b (i32.mul (i32.mul (local.get $n) (local.get $n)) (i32.const 8)))
    (local.set $c (i32.shl (local.get $b) (i32.const 1)))
    (local.set $i (i32.const 0))
    (loop $fill
      (f64.store (i32.shl (local.get $i) (i32.const 3))
        (f64.convert_i32_s (i32.rem_u (local.get $i) (i32.const 7))))
      (f64.store (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))
        (f64.div (f64.convert_i32_s (i32.rem_u (local.get $i) (i32.const 5))) (f64.const 3)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.mul (local.get $n) (local.get $n)))))
    (local.set $i (i32.const 0))
    (loop $li
      (local.set $j (i32.const 0))
      (loop $lj
        (local.set $acc (f64.const 0))
        (local.set $k (i32.const 0))
        (loop $lk
          (local.set $acc (f64.add (local.get $acc)
            (f64.mul
              (f64.load (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $k)) (i32.const 3)))
              (f64.load (i32.add (local.get $b)
                (i32.shl (i32.add (i32.mul (local.get $k) (local.get $n)) (local.get $j)) (i32.const 3)))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $lk (i32.lt_u (local.get $k) (local.get $n))))
        (f64.store (i32.add (local.get $c)
          (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n)) (local.get $j)) (i32.const 3)))
          (local.get $acc))
        (local.set $sum (f64.add (local.get $sum) (local.get $acc)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br_if $lj (i32.lt_u (local.get $j) (local.get $n))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $li (i32.lt_u (local.get $i) (local.get $n))))
    (i32.trunc_f64_s (local.get $sum))))`;

const hash64 = `(module
  ;; xorshift64* and an FNV-1a style i64 mix over n steps; returns the low 32 bits.
  (func (export "run") (param $n i32) (result i32)
    (local $x i64) (local $h i64)
    (local.set $x (i64.const 0x9E3779B97F4A7C15))
    (local.set $h (i64.const 0xcbf29ce484222325))
    (loop $l
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27))))
      (local.set $h (i64.mul (i64.xor (local.get $h) (i64.mul (local.get $x) (i64.const 0x2545F4914F6CDD1D)))
                             (i64.const 0x100000001b3)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (i32.gt_s (local.get $n) (i32.const 0))))
    (i32.wrap_i64 (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))))))`;

/** The benchmark's workloads. */
export const workloads: readonly Workload[] = [
  { name: "fib", what: "recursive calls (i32)", wat: fib, n: 25 },
  { name: "sieve", what: "byte loads/stores, branches", wat: sieve, n: 1_000_000 },
  { name: "matmul", what: "f64 loads and arithmetic, nested loops", wat: matmul, n: 64 },
  { name: "hash64", what: "i64 shifts, xor, multiply", wat: hash64, n: 300_000 },
];
