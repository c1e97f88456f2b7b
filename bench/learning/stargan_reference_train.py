"""Runs yunjey/stargan's main.py (a checkout given first) with its random generators seeded, on the CPU.

The reference has no seed option: this seeds torch, random and numpy, then runs its main.py as is (train mode;
pass --use_tensorboard false, since its logger needs TensorFlow 1, and --num_workers 0 to load in one process).
With Debian's torchvision 0.14 under PyTorch 2, the torch._six that its ImageFolder imports is provided.
Usage: python3 stargan_reference_train.py CHECKOUT SEED [main.py options...]
"""
import os
import random
import runpy
import sys
import types

import numpy
import torch

if not hasattr(torch, '_six'):
    # torchvision 0.14's ImageFolder (Debian's, on PYTHONPATH) still asks torch 1.x's torch._six for string types
    torch._six = types.SimpleNamespace(string_classes=(str, bytes))
checkout, seed = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, checkout)
torch.manual_seed(seed)
random.seed(seed)
numpy.random.seed(seed)
sys.argv = [os.path.join(checkout, 'main.py')] + sys.argv[3:]
runpy.run_path(sys.argv[0], run_name='__main__')
