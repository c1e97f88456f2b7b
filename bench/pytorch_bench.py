#!/usr/bin/env python3
"""Equivalent PyTorch workloads for Transmute's benchmarks (docs/PERFORMANCE.md).

Builds the same networks as Transmute (pix2pix U-Net-256 + 70x70 PatchGAN, CycleGAN ResNet-9 generators +
PatchGANs), runs the same training step and inference, and prints one line per figure in the same format
as `transmute bench`, so the two can be run interleaved on the same machine with the same thread count.

usage: OMP_WAIT_POLICY=PASSIVE python3 bench/pytorch_bench.py --threads 2 --what p2p_train|cycle_train|stargan_train|style_train|infer
       [--netG unet_256|resnet_9blocks|resnet_6blocks|stargan|transformer_net] [--batch_size N] [--size S]
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


class StarGanResBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.main = nn.Sequential(nn.Conv2d(dim, dim, 3, 1, 1, bias=False),
                                  nn.InstanceNorm2d(dim, affine=True, track_running_stats=True), nn.ReLU(True),
                                  nn.Conv2d(dim, dim, 3, 1, 1, bias=False),
                                  nn.InstanceNorm2d(dim, affine=True, track_running_stats=True))

    def forward(self, x):
        return x + self.main(x)


class StarGanG(nn.Module):
    def __init__(self, conv_dim=64, c_dim=5, repeat_num=6):
        super().__init__()
        inorm = lambda c: nn.InstanceNorm2d(c, affine=True, track_running_stats=True)
        layers = [nn.Conv2d(3 + c_dim, conv_dim, 7, 1, 3, bias=False), inorm(conv_dim), nn.ReLU(True)]
        d = conv_dim
        for _ in range(2):
            layers += [nn.Conv2d(d, d * 2, 4, 2, 1, bias=False), inorm(d * 2), nn.ReLU(True)]
            d *= 2
        layers += [StarGanResBlock(d) for _ in range(repeat_num)]
        for _ in range(2):
            layers += [nn.ConvTranspose2d(d, d // 2, 4, 2, 1, bias=False), inorm(d // 2), nn.ReLU(True)]
            d //= 2
        layers += [nn.Conv2d(d, 3, 7, 1, 3, bias=False), nn.Tanh()]
        self.main = nn.Sequential(*layers)

    def forward(self, x, c):
        c = c.view(c.size(0), c.size(1), 1, 1).repeat(1, 1, x.size(2), x.size(3))
        return self.main(torch.cat([x, c], dim=1))


class StarGanD(nn.Module):
    def __init__(self, image_size=128, conv_dim=64, c_dim=5, repeat_num=6):
        super().__init__()
        layers = [nn.Conv2d(3, conv_dim, 4, 2, 1), nn.LeakyReLU(0.01)]
        d = conv_dim
        for _ in range(1, repeat_num):
            layers += [nn.Conv2d(d, d * 2, 4, 2, 1), nn.LeakyReLU(0.01)]
            d *= 2
        k = image_size // 2 ** repeat_num
        self.main = nn.Sequential(*layers)
        self.conv1 = nn.Conv2d(d, 1, 3, 1, 1, bias=False)
        self.conv2 = nn.Conv2d(d, c_dim, k, bias=False)

    def forward(self, x):
        h = self.main(x)
        return self.conv1(h), self.conv2(h).view(x.size(0), -1)


def stargan_step(G, D, oG, oD, x, c_org, c_trg, it, n_critic=5):
    bce = lambda logit, target: nn.functional.binary_cross_entropy_with_logits(logit, target, reduction="sum") / logit.size(0)
    out_src, out_cls = D(x)
    d_real = -torch.mean(out_src)
    d_cls = bce(out_cls, c_org)
    fake = G(x, c_trg)
    out_src, _ = D(fake.detach())
    d_fake = torch.mean(out_src)
    alpha = torch.rand(x.size(0), 1, 1, 1)
    x_hat = (alpha * x.data + (1 - alpha) * fake.data).requires_grad_(True)
    out_src, _ = D(x_hat)
    g = torch.autograd.grad(out_src, x_hat, torch.ones_like(out_src), retain_graph=True, create_graph=True)[0]
    gp = torch.mean((g.view(g.size(0), -1).norm(2, dim=1) - 1) ** 2)
    oD.zero_grad()
    oG.zero_grad()
    (d_real + d_fake + d_cls + 10 * gp).backward()
    oD.step()
    if (it + 1) % n_critic == 0:
        fake = G(x, c_trg)
        out_src, out_cls = D(fake)
        rec = G(fake, c_org)
        loss = -torch.mean(out_src) + 10 * torch.mean(torch.abs(x - rec)) + bce(out_cls, c_trg)
        oD.zero_grad()
        oG.zero_grad()
        loss.backward()
        oG.step()


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, k, stride, upsample=False):
        super().__init__()
        self.upsample = upsample
        self.pad = nn.ReflectionPad2d(k // 2)
        self.conv2d = nn.Conv2d(cin, cout, k, stride)

    def forward(self, x):
        if self.upsample:
            x = nn.functional.interpolate(x, scale_factor=2, mode="nearest")
        return self.conv2d(self.pad(x))


class TransformerNet(nn.Module):
    def __init__(self):
        super().__init__()
        n = lambda c: nn.InstanceNorm2d(c, affine=True)
        self.enc = nn.Sequential(ConvLayer(3, 32, 9, 1), n(32), nn.ReLU(), ConvLayer(32, 64, 3, 2), n(64), nn.ReLU(),
                                 ConvLayer(64, 128, 3, 2), n(128), nn.ReLU())
        self.res = nn.ModuleList([nn.Sequential(ConvLayer(128, 128, 3, 1), n(128), nn.ReLU(),
                                                ConvLayer(128, 128, 3, 1), n(128)) for _ in range(5)])
        self.dec = nn.Sequential(ConvLayer(128, 64, 3, 1, True), n(64), nn.ReLU(), ConvLayer(64, 32, 3, 1, True),
                                 n(32), nn.ReLU(), ConvLayer(32, 3, 9, 1))

    def forward(self, x):
        h = self.enc(x)
        for r in self.res:
            h = h + r(h)
        return torch.tanh(self.dec(h))


def vgg16_features():
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512]
    layers, c = [], 3
    for v in cfg:
        if v == "M":
            layers.append(nn.MaxPool2d(2, 2))
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU(inplace=True)]
            c = v
    f = nn.Sequential(*layers)
    for p in f.parameters():
        p.requires_grad_(False)
    return f


class VggTaps(nn.Module):
    """VGG-16's relu1_2, relu2_2, relu3_3 and relu4_3 features of an image in [-1, 1]."""

    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, x):
        mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
        std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
        h = ((x + 1) / 2 - mean) / std
        out = []
        for i, layer in enumerate(self.features):
            h = layer(h)
            if i in (3, 8, 15, 22):
                out.append(h)
        return tuple(out)


def gram(y):
    b, c, h, w = y.size()
    f = y.view(b, c, h * w)
    return f.bmm(f.transpose(1, 2)) / (c * h * w)


def style_step(net, vgg, opt, x, style_grams):
    opt.zero_grad()
    y = net(x)
    fy, fx = vgg(y), vgg(x)
    content = nn.functional.mse_loss(fy[1], fx[1])
    style = sum(((gram(a) - g) ** 2).sum((1, 2)).mean() for a, g in zip(fy, style_grams))
    tv = torch.mean(torch.abs(y[:, :, 1:, :] - y[:, :, :-1, :])) + torch.mean(torch.abs(y[:, :, :, 1:] - y[:, :, :, :-1]))
    (content + 10 * style + 0.01 * tv).backward()
    opt.step()


class Autocast(nn.Module):
    """One network's forward pass under torch.autocast(cpu, bfloat16), its outputs back in float32 for the losses."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, *args):
        with torch.autocast("cpu", dtype=torch.bfloat16):
            y = self.net(*args)
        return tuple(t.float() for t in y) if isinstance(y, tuple) else y.float()


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
    ap.add_argument("--what", default="p2p_train",
                    choices=["p2p_train", "cycle_train", "stargan_train", "style_train", "infer"])
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--batch_size", type=int, default=1)
    ap.add_argument("--netG", default="unet_256")
    ap.add_argument("--precision", default="float32", choices=["float32", "bf16"],
                    help="--what infer: bf16 converts the generator and its input to bfloat16; training: each"
                         " network's forward pass runs under torch.autocast(cpu, bfloat16)")
    ap.add_argument("--memory_format", default="contiguous", choices=["contiguous", "channels_last"],
                    help="p2p_train: channels_last converts both networks and the images to NHWC")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    s = args.size
    a = torch.rand(args.batch_size, 3, s, s) * 2 - 1
    b = torch.rand(args.batch_size, 3, s, s) * 2 - 1
    amp = Autocast if args.precision == "bf16" else (lambda net: net)
    dtype = torch.bfloat16 if args.precision == "bf16" else torch.float32
    if args.what == "p2p_train":
        G, D = unet(3, 3, 8, norm="batch", dropout=True), patchgan(6, norm="batch")
        if args.memory_format == "channels_last":
            G, D = G.to(memory_format=torch.channels_last), D.to(memory_format=torch.channels_last)
            a, b = a.contiguous(memory_format=torch.channels_last), b.contiguous(memory_format=torch.channels_last)
        oG, oD = adam(G.parameters()), adam(D.parameters())
        G, D = amp(G), amp(D)
        bce = nn.BCEWithLogitsLoss()
        step = lambda: p2p_step(G, D, oG, oD, a, b, bce)
    elif args.what == "cycle_train":
        GA, GB = resnet(3, 3), resnet(3, 3)
        DA, DB = patchgan(3, norm="instance"), patchgan(3, norm="instance")
        oG, oD = adam(list(GA.parameters()) + list(GB.parameters())), adam(list(DA.parameters()) + list(DB.parameters()))
        GA, GB, DA, DB = amp(GA), amp(GB), amp(DA), amp(DB)
        mse = nn.MSELoss()
        step = lambda: cycle_step(GA, GB, DA, DB, oG, oD, a, b, mse)
    elif args.what == "stargan_train":
        G, D = StarGanG(), StarGanD(image_size=s)
        oG = torch.optim.Adam(G.parameters(), 1e-4, (0.5, 0.999))
        oD = torch.optim.Adam(D.parameters(), 1e-4, (0.5, 0.999))
        G, D = amp(G), amp(D)
        c_org = (torch.rand(args.batch_size, 5) > 0.5).float()
        c_trg = c_org[torch.randperm(args.batch_size)]
        counter = [0]

        def step():
            stargan_step(G, D, oG, oD, a, c_org, c_trg, counter[0])
            counter[0] += 1
    elif args.what == "style_train":
        net, vgg = TransformerNet(), vgg16_features()
        opt = torch.optim.Adam(net.parameters(), 1e-3)
        net, vgg = amp(net), amp(VggTaps(vgg))
        with torch.no_grad():
            style_grams = [gram(f) for f in vgg(torch.rand(1, 3, s, s) * 2 - 1)]
        step = lambda: style_step(net, vgg, opt, a, style_grams)
    elif args.netG == "stargan":
        # StarGAN's own test code leaves G in train mode (instance norm on the batch's statistics)
        G = StarGanG().to(dtype)
        a = a.to(dtype)
        c = (torch.rand(args.batch_size, 5) > 0.5).to(dtype)

        def step():
            with torch.inference_mode():
                G(a, c)
    else:
        G = {"unet_256": lambda: unet(3, 3, 8, norm="batch", dropout=False),
             "resnet_9blocks": lambda: resnet(3, 3, n_blocks=9),
             "resnet_6blocks": lambda: resnet(3, 3, n_blocks=6),
             "transformer_net": TransformerNet}[args.netG]().to(dtype)
        a = a.to(dtype)
        G.eval()

        def step():
            with torch.inference_mode():
                G(a)
    for _ in range(args.warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(args.iters):
        step()
    dt = (time.perf_counter() - t0) / args.iters
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p = "" if args.precision == "float32" else " " + args.precision
    if args.what == "infer":
        print(f"pytorch {torch.__version__} {args.what} {args.netG} {s}x{s} batch {args.batch_size} threads {args.threads}{p}:"
              f" {args.batch_size / dt:.2f} images/s, peak RSS {rss:.0f} MB")
    else:
        print(f"pytorch {torch.__version__} {args.what} {s}x{s} batch {args.batch_size} threads {args.threads}{p}:"
              f" {dt:.3f} s/iter, peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
