"""Runs the reference CycleGAN (a checkout given first) for a number of steps and records every random draw.

For `CycleGanReplay` (Transmute's side of the replay): the initial weights of the four networks, each step's
input tensors (after the reference's own loading, resizing, flipping and normalising), which A and B files they
came from and whether each was flipped, every image-pool decision (return the new image, or which stored slot
was returned and replaced) and the eight losses the reference computed. The reference runs as is; its pool's
query is wrapped only to observe the draws (the same calls to `random` in the same order), and the flip of
torchvision's RandomHorizontalFlip is observed the same way.

With REPLAY_INIT=PREFIX the networks start from PREFIX<net>_init.pth instead of the reference's own
initialisation (e.g. the cycle_step fixture's weights, so a short recording needs no weights of its own).
With REPLAY_FLOAT64=1 in the environment the networks and inputs are converted to float64 after the
initialisation (the draws stay the same): the reference against itself in another precision, which shows how fast
float rounding alone makes two runs part.

Usage: python3 cycle_gan_replay_dump.py CHECKOUT SEED OUT_DIR STEPS [train.py options...]
Writes OUT_DIR/init_<net>.pth, OUT_DIR/final_<net>.pth, OUT_DIR/inputs.f32 (real_A then real_B per step, float32)
and OUT_DIR/replay.json.
"""
import json
import os
import random
import sys

import numpy
import torch

checkout, seed, out, steps = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'stubs'))
sys.path.insert(0, checkout)
sys.argv = [os.path.join(checkout, 'train.py')] + sys.argv[5:]
torch.manual_seed(seed)
random.seed(seed)
numpy.random.seed(seed)

import torchvision.transforms as transforms  # noqa: E402
from data import create_dataset  # noqa: E402
from models import create_model  # noqa: E402
from options.train_options import TrainOptions  # noqa: E402
from util import image_pool  # noqa: E402

flips = []
original_flip = transforms.RandomHorizontalFlip.forward


def observed_flip(self, img):
    flipped = original_flip(self, img)
    flips.append(flipped is not img)
    return flipped


transforms.RandomHorizontalFlip.forward = observed_flip

decisions = []


def observed_query(self, images):
    """The reference's query, recording for each image -1 (the new one returned) or the slot returned."""
    if self.pool_size == 0:
        return images
    return_images = []
    for image in images:
        image = torch.unsqueeze(image.data, 0)
        if self.num_imgs < self.pool_size:
            self.num_imgs = self.num_imgs + 1
            self.images.append(image)
            return_images.append(image)
            decisions.append(-1)
        else:
            p = random.uniform(0, 1)
            if p > 0.5:
                random_id = random.randint(0, self.pool_size - 1)
                tmp = self.images[random_id].clone()
                self.images[random_id] = image
                return_images.append(tmp)
                decisions.append(random_id)
            else:
                return_images.append(image)
                decisions.append(-1)
    return torch.cat(return_images, 0)


image_pool.ImagePool.query = observed_query

opt = TrainOptions().parse()
opt.device = torch.device('cpu')
dataset = create_dataset(opt)
model = create_model(opt)
model.setup(opt)
os.makedirs(out, exist_ok=True)
init = os.environ.get('REPLAY_INIT')
if init:
    for name in ('G_A', 'G_B', 'D_A', 'D_B'):
        getattr(model, 'net' + name).load_state_dict(torch.load(init + name + '_init.pth'))
for name in ('G_A', 'G_B', 'D_A', 'D_B'):
    torch.save(getattr(model, 'net' + name).state_dict(), os.path.join(out, 'init_%s.pth' % name))
double = os.environ.get('REPLAY_FLOAT64') == '1'
if double:
    for name in ('G_A', 'G_B', 'D_A', 'D_B'):
        getattr(model, 'net' + name).double()

records = []
done = 0
with open(os.path.join(out, 'inputs.f32'), 'wb') as inputs:
    for epoch in range(opt.epoch_count, opt.n_epochs + opt.n_epochs_decay + 1):
        for data in dataset:
            if done == steps:
                break
            decisions.clear()
            model.set_input(data)
            if double:
                model.real_A, model.real_B = model.real_A.double(), model.real_B.double()
            inputs.write(model.real_A.detach().float().numpy().astype('<f4').tobytes())
            inputs.write(model.real_B.detach().float().numpy().astype('<f4').tobytes())
            model.optimize_parameters()
            records.append({
                'epoch': epoch,
                'a': [os.path.basename(p) for p in data['A_paths']],
                'b': [os.path.basename(p) for p in data['B_paths']],
                # the flips of A then B, drawn while the loader made this batch
                'flips': list(flips),
                # fake_B_pool is queried first (for D_A), then fake_A_pool (for D_B)
                'pool_fake_B': decisions[:len(decisions) // 2],
                'pool_fake_A': decisions[len(decisions) // 2:],
                'lr': model.optimizers[0].param_groups[0]['lr'],
                'losses': {k: float(v) for k, v in model.get_current_losses().items()},
            })
            flips.clear()  # the next batch's flips are drawn when the loop fetches it
            done += 1
        if done == steps:
            break
        model.update_learning_rate()
for name in ('G_A', 'G_B', 'D_A', 'D_B'):
    torch.save(getattr(model, 'net' + name).float().state_dict(), os.path.join(out, 'final_%s.pth' % name))
with open(os.path.join(out, 'replay.json'), 'w') as f:
    json.dump({'seed': seed, 'options': sys.argv[1:], 'shape': list(model.real_A.shape), 'steps': records}, f)
print('recorded %d steps in %s' % (done, out))
