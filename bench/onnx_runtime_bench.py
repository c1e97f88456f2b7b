"""Images per second of an exported generator in ONNX Runtime, in the format of bench/pytorch_bench.py's infer lines.

usage: python3 bench/onnx_runtime_bench.py MODEL.onnx [--size 256] [--threads 2] [--iters 10] [--warmup 2]
Needs the onnxruntime wheel (pip install onnxruntime); used only to measure, never by Transmute itself.
"""
import argparse
import time

import numpy as np
import onnxruntime as ort


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--iters", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    a = p.parse_args()
    so = ort.SessionOptions()
    so.intra_op_num_threads = a.threads
    so.inter_op_num_threads = 1
    t0 = time.perf_counter()
    s = ort.InferenceSession(a.model, so, providers=["CPUExecutionProvider"])
    load = time.perf_counter() - t0
    image = s.get_inputs()[0]
    x = np.random.default_rng(0).uniform(-1, 1, (1, image.shape[1], a.size, a.size)).astype(np.float32)
    feed = {image.name: x}
    if len(s.get_inputs()) > 1:
        labels = s.get_inputs()[1]
        feed[labels.name] = np.zeros((1, labels.shape[1]), np.float32)
    for _ in range(a.warmup):
        s.run(None, feed)
    t0 = time.perf_counter()
    for _ in range(a.iters):
        s.run(None, feed)
    dt = (time.perf_counter() - t0) / a.iters
    print(f"onnxruntime {ort.__version__} infer {a.model} {a.size}x{a.size} threads {a.threads}:"
          f" {1 / dt:.2f} images/s ({dt * 1000:.0f} ms/image), session load {load:.2f} s")


if __name__ == "__main__":
    main()
