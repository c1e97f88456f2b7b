#!/usr/bin/env python3
"""The physical floor of a pix2pix training step on this machine: its convolution FLOPs at the machine's sgemm rate.

Counts the multiply-adds of every convolution in one `optimize_parameters()` of pix2pix (unet_256 + 70x70
PatchGAN, 256x256, batch 1): G forward once and backward (input gradient except for the first layer, weight
gradient everywhere); D forward three times (fake and real for the D step, fake for the G step), the D step's
backward through both (weight and input gradients, the first layer's input gradient excepted) and the G step's
backward through D (input gradients only: D is frozen then). Each backward product costs as much as the forward
one. The sgemm rate is the best of several large single-precision matrix products on the same threads.

usage: python3 bench/pix2pix_floor.py --threads 2      (PyTorch with MKL or OpenBLAS; same result either way)
"""
import argparse
import time

import torch
import torch.nn as nn

import pytorch_bench as pb


def conv_macs(net, x):
    """Per-convolution multiply-adds of one forward pass, first layer first."""
    macs = []

    def hook(m, inp, out):
        k = m.weight.shape  # conv: out, in, kh, kw; transposed: in, out, kh, kw
        if isinstance(m, nn.ConvTranspose2d):
            macs.append(inp[0].numel() * k[1] * k[2] * k[3])
        else:
            macs.append(out.numel() * k[1] * k[2] * k[3])

    hs = [m.register_forward_hook(hook) for m in net.modules() if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d))]
    with torch.no_grad():
        net(x)
    for h in hs:
        h.remove()
    return macs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    g = pb.unet(3, 3, 8, norm="batch", dropout=True).eval()
    d = pb.patchgan(6, norm="batch").eval()
    mg = conv_macs(g, torch.zeros(1, 3, 256, 256))
    md = conv_macs(d, torch.zeros(1, 6, 256, 256))
    fg, fd = sum(mg), sum(md)
    first_g, first_d = mg[0], md[0]
    g_total = fg + (fg - first_g) + fg
    d_total = 3 * fd + 2 * ((fd - first_d) + fd) + (fd - first_d)
    flops = 2 * (g_total + d_total)
    n = 2048
    a, b = torch.rand(n, n), torch.rand(n, n)
    torch.mm(a, b)
    best = 0.0
    for _ in range(10):
        t0 = time.perf_counter()
        torch.mm(a, b)
        best = max(best, 2 * n ** 3 / (time.perf_counter() - t0))
    print(f"pix2pix step convolutions: G forward {2 * fg / 1e9:.2f} GFLOP, D forward {2 * fd / 1e9:.2f} GFLOP,"
          f" step {flops / 1e9:.2f} GFLOP; sgemm {best / 1e9:.1f} GFLOP/s on {args.threads} threads"
          f" (torch {torch.__version__}); floor {flops / best:.3f} s/iter")


if __name__ == "__main__":
    main()
