"""Runs the reference train.py (a checkout given first) with its random generators seeded, on the CPU.

The reference has no seed option: this seeds torch, random and numpy, then runs its train.py as is.
Usage: python3 reference_train.py CHECKOUT SEED [train.py options...]
"""
import os
import random
import runpy
import sys

import numpy
import torch

checkout, seed = sys.argv[1], int(sys.argv[2])
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'stubs'))
sys.path.insert(0, checkout)
torch.manual_seed(seed)
random.seed(seed)
numpy.random.seed(seed)
sys.argv = [os.path.join(checkout, 'train.py')] + sys.argv[3:]
runpy.run_path(sys.argv[0], run_name='__main__')
