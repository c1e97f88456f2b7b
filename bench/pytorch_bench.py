#!/usr/bin/env python3
"""Equivalent PyTorch workloads for Transmute's benchmarks (docs/PERFORMANCE.md).

Builds the same networks as Transmute (pix2pix U-Net-256 + 70x70 PatchGAN, CycleGAN ResNet-9 generators +
PatchGANs), runs the same training step and inference, and prints one line per figure in the same format
as `transmute bench`, so the two can be run interleaved on the same machine with the same thread count.

usage: OMP_WAIT_POLICY=PASSIVE python3 bench/pytorch_bench.py --threads 2 --what p2p_train|cycle_train|infer
"""
import argparse
import resource
import time

import torch
import torch.nn as nn


def norm_layer(kind, c):
    if kind == "batch":
        return nn.BatchNorm2d(c, affine=True, track_running_stats=True)
    if kind == "instance":
        return nn.InstanceNorm2d(c, affine=False, track_running_stats=False)
    return None


class UnetBlock(nn.Module):
    def __init__(self, outer, inner, input_nc=None, sub=None, outermost=False, innermost=False, norm="batch",
                 dropout=False):
        super().__init__()
        self.outermost = outermost
        bias = norm == "instance"
        input_nc = outer if input_nc is None else input_nc
        down = [nn.Conv2d(input_nc, inner, 4, 2, 1, bias=bias)]
        if outermost:
            layers = down + [sub, nn.ReLU(True), nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1), nn.Tanh()]
        elif innermost:
            layers = [nn.LeakyReLU(0.2, True)] + down + [nn.ReLU(True),
                                                        nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=bias),
                                                        norm_layer(norm, outer)]
        else:
            layers = [nn.LeakyReLU(0.2, True)] + down + [norm_layer(norm, inner), sub, nn.ReLU(True),
                                                        nn.ConvTranspose2d(inner * 2, outer, 4, 2, 1, bias=bias),
                                                        norm_layer(norm, outer)]
            if dropout:
                layers.append(nn.Dropout(0.5))
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


class Unet(nn.Module):
    def __init__(self, block):
        super().__init__()
        self.model = block

    def forward(self, x):
        return self.model(x)


def unet(input_nc, output_nc, num_downs, ngf=64, norm="batch", dropout=True):
    b = UnetBlock(ngf * 8, ngf * 8, innermost=True, norm=norm)
    for _ in range(num_downs - 5):
        b = UnetBlock(ngf * 8, ngf * 8, sub=b, norm=norm, dropout=dropout)
    b = UnetBlock(ngf * 4, ngf * 8, sub=b, norm=norm)
    b = UnetBlock(ngf * 2, ngf * 4, sub=b, norm=norm)
    b = UnetBlock(ngf, ngf * 2, sub=b, norm=norm)
    return Unet(UnetBlock(output_nc, ngf, input_nc=input_nc, sub=b, outermost=True, norm=norm))


class ResBlock(nn.Module):
    def __init__(self, dim, norm):
        super().__init__()
        bias = norm == "instance"
        self.conv_block = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3, bias=bias),
                                        norm_layer(norm, dim), nn.ReLU(True), nn.ReflectionPad2d(1),
                                        nn.Conv2d(dim, dim, 3, bias=bias), norm_layer(norm, dim))

    def forward(self, x):
        return x + self.conv_block(x)


def resnet(input_nc, output_nc, ngf=64, norm="instance", n_blocks=9):
    bias = norm == "instance"
    layers = [nn.ReflectionPad2d(3), nn.Conv2d(input_nc, ngf, 7, bias=bias), norm_layer(norm, ngf), nn.ReLU(True)]
    for i in range(2):
        m = 2 ** i
        layers += [nn.Conv2d(ngf * m, ngf * m * 2, 3, 2, 1, bias=bias), norm_layer(norm, ngf * m * 2), nn.ReLU(True)]
    layers += [ResBlock(ngf * 4, norm) for _ in range(n_blocks)]
    for i in range(2):
        m = 2 ** (2 - i)
        layers += [nn.ConvTranspose2d(ngf * m, ngf * m // 2, 3, 2, 1, output_padding=1, bias=bias),
                   norm_layer(norm, ngf * m // 2), nn.ReLU(True)]
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, output_nc, 7), nn.Tanh()]
    return nn.Sequential(*layers)


def patchgan(input_nc, ndf=64, n_layers=3, norm="batch"):
    bias = norm == "instance"
    layers = [nn.Conv2d(input_nc, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True)]
    mult = 1
    for n in range(1, n_layers):
        prev, mult = mult, min(2 ** n, 8)
        layers += [nn.Conv2d(ndf * prev, ndf * mult, 4, 2, 1, bias=bias), norm_layer(norm, ndf * mult),
                   nn.LeakyReLU(0.2, True)]
    prev, mult = mult, min(2 ** n_layers, 8)
    layers += [nn.Conv2d(ndf * prev, ndf * mult, 4, 1, 1, bias=bias), norm_layer(norm, ndf * mult),
               nn.LeakyReLU(0.2, True), nn.Conv2d(ndf * mult, 1, 4, 1, 1)]
    return nn.Sequential(*layers)


def adam(params):
    return torch.optim.Adam(params, lr=2e-4, betas=(0.5, 0.999))


def p2p_step(G, D, oG, oD, a, b, bce):
    fake = G(a)
    for p in D.parameters():
        p.requires_grad_(True)
    oD.zero_grad()
    pf = D(torch.cat([a, fake.detach()], 1))
    pr = D(torch.cat([a, b], 1))
    ld = 0.5 * (bce(pf, torch.zeros_like(pf)) + bce(pr, torch.ones_like(pr)))
    ld.backward()
    oD.step()
    for p in D.parameters():
        p.requires_grad_(False)
    oG.zero_grad()
    pf = D(torch.cat([a, fake], 1))
    lg = bce(pf, torch.ones_like(pf)) + 100 * torch.mean(torch.abs(fake - b))
    lg.backward()
    oG.step()


def cycle_step(GA, GB, DA, DB, oG, oD, a, b, mse):
    def gan(pred, real):
        return mse(pred, torch.full_like(pred, 1.0 if real else 0.0))

    for p in list(DA.parameters()) + list(DB.parameters()):
        p.requires_grad_(False)
    oG.zero_grad()
    fb, fa = GA(a), GB(b)
    ra, rb = GB(fb), GA(fa)
    ia, ib = GA(b), GB(a)
    l1 = torch.nn.functional.l1_loss
    lg = (gan(DA(fb), True) + gan(DB(fa), True) + 10 * l1(ra, a) + 10 * l1(rb, b)
          + 0.5 * 10 * l1(ia, b) + 0.5 * 10 * l1(ib, a))
    lg.backward()
    oG.step()
    for p in list(DA.parameters()) + list(DB.parameters()):
        p.requires_grad_(True)
    oD.zero_grad()
    lda = 0.5 * (gan(DA(b), True) + gan(DA(fb.detach()), False))
    lda.backward()
    ldb = 0.5 * (gan(DB(a), True) + gan(DB(fa.detach()), False))
    ldb.backward()
    oD.step()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--what", default="p2p_train", choices=["p2p_train", "cycle_train", "infer"])
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--batch_size", type=int, default=1)
    ap.add_argument("--netG", default="unet_256")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    s = args.size
    a = torch.rand(args.batch_size, 3, s, s) * 2 - 1
    b = torch.rand(args.batch_size, 3, s, s) * 2 - 1
    if args.what == "p2p_train":
        G, D = unet(3, 3, 8, norm="batch", dropout=True), patchgan(6, norm="batch")
        oG, oD = adam(G.parameters()), adam(D.parameters())
        bce = nn.BCEWithLogitsLoss()
        step = lambda: p2p_step(G, D, oG, oD, a, b, bce)
    elif args.what == "cycle_train":
        GA, GB = resnet(3, 3), resnet(3, 3)
        DA, DB = patchgan(3, norm="instance"), patchgan(3, norm="instance")
        oG, oD = adam(list(GA.parameters()) + list(GB.parameters())), adam(list(DA.parameters()) + list(DB.parameters()))
        mse = nn.MSELoss()
        step = lambda: cycle_step(GA, GB, DA, DB, oG, oD, a, b, mse)
    else:
        G = unet(3, 3, 8, norm="batch", dropout=False) if args.netG == "unet_256" else resnet(3, 3)
        G.eval()

        def step():
            with torch.no_grad():
                G(a)
    for _ in range(args.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(args.iters):
        step()
    dt = (time.perf_counter() - t0) / args.iters
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.what == "infer":
        print(f"pytorch {torch.__version__} {args.what} {args.netG} {s}x{s} batch {args.batch_size} threads {args.threads}:"
              f" {args.batch_size / dt:.2f} images/s, peak RSS {rss:.0f} MB")
    else:
        print(f"pytorch {torch.__version__} {args.what} {s}x{s} batch {args.batch_size} threads {args.threads}:"
              f" {dt:.3f} s/iter, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
