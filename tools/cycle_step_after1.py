"""Step-1 reference for the cycle_step fixture: the reference CycleGAN's first optimize_parameters().

Runs junyanz/pytorch-CycleGAN-and-pix2pix's own networks and losses (a checkout given as the first argument; its
code is imported, never copied) from the fixture's initial weights and step-1 inputs, in float32 and in float64,
and writes next to the fixture (or to the folder given second):

- cycle_step.G_A_after1.pth: G_A after step 1 (float64 run, stored as float32);
- cycle_step.after1.json: per-key sums of G_A, G_B, D_A, D_B after step 1 (float64 run), the step-1 losses of
  both runs, and for each G_A key the flat indices of its noise-level elements: those whose float64 gradient is
  below 1e-4 of the key's largest (float32 gradients of these nets are off by up to 8e-5 of the largest) or
  below 1e-8, or
  whose float32 and float64 updates differ by more than 1e-6.

Those are the conv biases that instance norm cancels (gradient ~1e-15) and a few weights with a near-zero
gradient: Adam's first step moves every element by about lr * sign(grad), so noise decides their direction.

Usage: python3 tools/cycle_step_after1.py REFERENCE_CHECKOUT FIXTURE_DIR [OUT_DIR] [--prefix P --ngf N --ndf N]
"""
import argparse
import itertools
import json
import sys

import numpy as np
import torch

ARGS = argparse.ArgumentParser()
ARGS.add_argument('reference')
ARGS.add_argument('fixture_dir')
ARGS.add_argument('out_dir', nargs='?')
ARGS.add_argument('--prefix', default='cycle_step', help='file-name prefix (cycle_small: the bundled fixture)')
ARGS.add_argument('--ngf', type=int, default=16)
ARGS.add_argument('--ndf', type=int, default=16)
A = ARGS.parse_args()
sys.path.insert(0, A.reference)
from models import networks  # noqa: E402

FIX = A.fixture_dir.rstrip('/') + '/'
OUT = (A.out_dir or A.fixture_dir).rstrip('/') + '/'
P = A.prefix + '.'
NAMES = ('G_A', 'G_B', 'D_A', 'D_B')


def build(dtype):
    norm = networks.get_norm_layer('instance')
    nets = {}
    for name in NAMES:
        if name.startswith('G'):
            net = networks.ResnetGenerator(3, 3, A.ngf, norm_layer=norm, use_dropout=False, n_blocks=6)
        else:
            net = networks.NLayerDiscriminator(3, A.ndf, n_layers=3, norm_layer=norm)
        net.load_state_dict(torch.load(FIX + P + '%s_init.pth' % name))
        nets[name] = net.to(dtype)
    return nets


def image(kind, dtype):
    raw = np.fromfile(FIX + P + '1.%s.f32' % kind, dtype='<f4').reshape(1, 3, 64, 64)
    return torch.from_numpy(raw.copy()).to(dtype)


def step(dtype):
    """cycle_gan_model.py's optimize_parameters() with lambda_A = lambda_B = 10, lambda_identity 0.5, LSGAN."""
    n = build(dtype)
    ga, gb, da, db = (n[k] for k in NAMES)
    gan = networks.GANLoss('lsgan').to(dtype)
    l1 = torch.nn.L1Loss()
    opt_g = torch.optim.Adam(itertools.chain(ga.parameters(), gb.parameters()), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(itertools.chain(da.parameters(), db.parameters()), lr=2e-4, betas=(0.5, 0.999))
    a, b = image('real_A', dtype), image('real_B', dtype)
    fake_b = ga(a)
    rec_a = gb(fake_b)
    fake_a = gb(b)
    rec_b = ga(fake_a)
    for p in itertools.chain(da.parameters(), db.parameters()):
        p.requires_grad = False
    opt_g.zero_grad()
    losses = {}
    losses['idt_A'] = l1(ga(b), b) * 10 * 0.5
    losses['idt_B'] = l1(gb(a), a) * 10 * 0.5
    losses['G_A'] = gan(da(fake_b), True)
    losses['G_B'] = gan(db(fake_a), True)
    losses['cycle_A'] = l1(rec_a, a) * 10
    losses['cycle_B'] = l1(rec_b, b) * 10
    sum(losses.values()).backward()
    grads = {k: p.grad.detach().clone() for k, p in ga.named_parameters()}
    opt_g.step()
    for p in itertools.chain(da.parameters(), db.parameters()):
        p.requires_grad = True
    opt_d.zero_grad()
    # the image pools are still filling, so each query returns its input
    losses['D_A'] = (gan(da(b), True) + gan(da(fake_b.detach()), False)) * 0.5
    losses['D_A'].backward()
    losses['D_B'] = (gan(db(a), True) + gan(db(fake_a.detach()), False)) * 0.5
    losses['D_B'].backward()
    opt_d.step()
    return n, {k: v.item() for k, v in losses.items()}, grads


def main():
    nets32, losses32, _ = step(torch.float32)
    nets64, losses64, grads64 = step(torch.float64)
    ga64 = nets64['G_A'].state_dict()
    ga32 = nets32['G_A'].state_dict()
    torch.save({k: v.float() for k, v in ga64.items()}, OUT + P + 'G_A_after1.pth')
    unstable = {}
    for k, v in ga64.items():
        d = (v - ga32[k].double()).abs().flatten()
        g = grads64[k].abs().flatten()
        idx = torch.nonzero((d > 1e-6) | (g < 1e-4 * g.max()) | (g < 1e-8)).flatten().tolist()
        if idx:
            unstable[k] = idx
    sums = {name: {k: float(v.double().sum()) for k, v in net.state_dict().items()} for name, net in nets64.items()}
    what = ('the reference CycleGAN after its first optimize_parameters() from %s\'s *_init.pth and step-1 inputs '
            '(float64 run); made by tools/cycle_step_after1.py' % A.prefix)
    json.dump({'what': what,
               'torch': torch.__version__, 'losses_float32': losses32, 'losses_float64': losses64,
               'sums': sums, 'G_A_noise_indices': unstable}, open(OUT + P + 'after1.json', 'w'), indent=1)


if __name__ == '__main__':
    main()
