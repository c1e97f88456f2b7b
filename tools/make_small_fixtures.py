"""Makes the small reference fixtures bundled with the tests (transmute-core/src/test/resources/fixtures).

Each is a smaller variant of a full-size fixture in ../shared/fixtures: the same reference network class with the
same layer types, norms, padding and dropout/eval behaviour and the same state_dict key names, but a smaller
ngf/ndf/conv_dim, a smaller input, and only the activations a test checks. The networks are the references' own
code, imported from checkouts, never copied:

- junyanz/pytorch-CycleGAN-and-pix2pix (upstream 2a7afba): models/networks.py and models/pix2pix_model.py;
- yunjey/stargan (94dd002): model.py;
- torchvision's vgg16() for the VGG-16 features (its first nine modules, up to relu2_2).

It writes, into OUT_DIR, for each network NAME: NAME.pth (torch.save of the state_dict), NAME.keys.txt (key, shape,
dtype, numel in state_dict order), NAME.<field>.f32 (raw little-endian float32, C order); p2p_small.json and its
files (one Pix2PixModel.optimize_parameters() from the small U-Net and PatchGAN); and small_fixtures.json describing
all of them (constructor, initialisation, shapes, file names, sha256); and cycle_small/: two
CycleGANModel.optimize_parameters() at ngf/ndf 4 on the glyph pairs of the full-size cycle_step fixture, with
tools/cycle_step_after1.py's step-1 reference (G_A after step 1 from a float64 run, per-key sums, noise indices);
and cycle_replay/: four steps of the reference CycleGAN with --pool_size 2 from cycle_small's initial weights on
32x32 glyph pairs (bench/learning/glyph_domains.py), recorded by bench/learning/cycle_gan_replay_dump.py.

Usage: python3 tools/make_small_fixtures.py JUNYANZ_CHECKOUT STARGAN_CHECKOUT OUT_DIR [--cycle_inputs DIR]
(with torchvision importable, e.g. PYTHONPATH=/tmp/tvshim under torch 2.13 CPU)
"""
import argparse
import copy
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import torch

ARGS = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ARGS.add_argument('junyanz')
ARGS.add_argument('stargan')
ARGS.add_argument('out')
ARGS.add_argument('--cycle_inputs', default=str(Path(__file__).resolve().parents[2] / 'shared/fixtures/cycle_step'),
                  help='a folder with the glyph pairs cycle_step.<1|2>.real_<A|B>.f32 (64x64) of the full-size '
                       'cycle_step fixture; default ../shared/fixtures/cycle_step beside the repository')
A = ARGS.parse_args()
sys.path.insert(0, A.junyanz)
sys.path.insert(0, A.stargan)
from models import networks  # noqa: E402
from models.cycle_gan_model import CycleGANModel  # noqa: E402
from models.pix2pix_model import Pix2PixModel  # noqa: E402
import model as stargan  # noqa: E402
import torchvision  # noqa: E402

OUT = Path(A.out)
OUT.mkdir(parents=True, exist_ok=True)
INDEX = {}


def write_f32(name, tensor):
    arr = tensor.detach().contiguous().numpy().astype('<f4')
    (OUT / name).write_bytes(arr.tobytes())
    return {'file': name, 'shape': list(arr.shape), 'dtype': 'float32-le',
            'sha256': hashlib.sha256(arr.tobytes()).hexdigest(),
            'stats': {'sum': float(arr.astype(np.float64).sum()), 'min': float(arr.min()), 'max': float(arr.max())}}


def write_net(name, net):
    sd = net.state_dict()
    torch.save(sd, OUT / (name + '.pth'))
    lines = ['# key\tshape\tdtype\tnumel (state_dict order)']
    for k, v in sd.items():
        lines.append('%s\t[%s]\t%s\t%d' % (k, ', '.join(str(d) for d in v.shape), str(v.dtype).replace('torch.', ''),
                                           v.numel()))
    (OUT / (name + '.keys.txt')).write_text('\n'.join(lines) + '\n')
    return {'state_dict': name + '.pth', 'keys': name + '.keys.txt',
            'float_numel': sum(v.numel() for v in sd.values() if v.is_floating_point()),
            'bytes': (OUT / (name + '.pth')).stat().st_size}


def uniform(*shape):
    return torch.rand(*shape) * 2 - 1


def forward_fixture(name, net, about, inputs, modes):
    """Writes NAME's weights, inputs and one output per mode ('eval', 'trainbn' or 'train': field -> mode)."""
    entry = dict(about)
    entry.update(write_net(name, net))
    for field, t in inputs.items():
        entry[field] = write_f32('%s.%s.f32' % (name, field), t)
    for field, mode in modes.items():
        # each mode on a copy: a train-mode forward updates batch-norm running statistics
        n = copy.deepcopy(net)
        n.train(mode != 'eval')
        with torch.no_grad():
            out = n(*inputs.values())
        if isinstance(out, tuple):
            for head, o in zip(('src', 'cls'), out):
                entry['%s_%s' % (field, head)] = write_f32('%s.%s_%s.f32' % (name, field, head), o)
        else:
            entry[field] = write_f32('%s.%s.f32' % (name, field), out)
    INDEX[name] = entry
    return entry


def junyanz(seed, build, init_type='normal'):
    torch.manual_seed(seed)
    net = build()
    networks.init_weights(net, init_type, 0.02)
    return net


def make_generators():
    unet = junyanz(0, lambda: networks.define_G(3, 3, 4, 'unet_256', 'batch', False))
    torch.manual_seed(100)
    forward_fixture('unet256_ngf4_batch', unet, {
        'net': "UnetGenerator (define_G netG='unet_256')", 'ctor': {'input_nc': 3, 'output_nc': 3, 'num_downs': 8,
                                                                   'ngf': 4, 'norm': 'batch', 'use_dropout': False},
        'init': "torch.manual_seed(0); define_G; init_weights('normal', 0.02)",
        'modes': 'output_eval: eval; output_trainbn: train-mode batch norm (no dropout layers)'},
        {'input': uniform(1, 3, 256, 256)}, {'output_eval': 'eval', 'output_trainbn': 'trainbn'})
    unet128 = junyanz(22, lambda: networks.define_G(1, 2, 4, 'unet_128', 'instance', False))
    torch.manual_seed(101)
    forward_fixture('unet128_ngf4_instance_in1_out2', unet128, {
        'net': "UnetGenerator (define_G netG='unet_128')",
        'ctor': {'input_nc': 1, 'output_nc': 2, 'num_downs': 7, 'ngf': 4, 'norm': 'instance', 'use_dropout': False},
        'init': "torch.manual_seed(22); define_G; init_weights('normal', 0.02)"},
        {'input': uniform(2, 1, 128, 128)}, {'output': 'eval'})
    resnet = junyanz(21, lambda: networks.define_G(3, 3, 4, 'resnet_6blocks', 'instance', True))
    torch.manual_seed(102)
    forward_fixture('resnet6_ngf4_instance', resnet, {
        'net': "ResnetGenerator (define_G netG='resnet_6blocks')",
        'ctor': {'input_nc': 3, 'output_nc': 3, 'ngf': 4, 'n_blocks': 6, 'padding_type': 'reflect',
                 'norm': 'instance', 'use_dropout': True},
        'init': "torch.manual_seed(21); define_G; init_weights('normal', 0.02)", 'modes': 'eval (dropout off)'},
        {'input': uniform(1, 3, 64, 64)}, {'output': 'eval'})
    return unet


def make_discriminators():
    patch = junyanz(0, lambda: networks.define_D(6, 8, 'basic', 3, 'batch'))
    torch.manual_seed(103)
    forward_fixture('patchgan_ndf8_batch_in6', patch, {
        'net': "NLayerDiscriminator (define_D netD='basic', n_layers=3, 70x70 PatchGAN)",
        'ctor': {'input_nc': 6, 'ndf': 8, 'n_layers': 3, 'norm': 'batch'},
        'init': "torch.manual_seed(0); define_D; init_weights('normal', 0.02)"},
        {'input': uniform(1, 6, 64, 64)}, {'output_eval': 'eval', 'output_trainbn': 'trainbn'})
    inst = junyanz(2, lambda: networks.define_D(3, 8, 'basic', 3, 'instance'))
    torch.manual_seed(104)
    forward_fixture('patchgan_ndf8_instance_in3', inst, {
        'net': 'NLayerDiscriminator basic (CycleGAN D)', 'ctor': {'input_nc': 3, 'ndf': 8, 'n_layers': 3,
                                                                   'norm': 'instance'},
        'init': "torch.manual_seed(2); define_D; init_weights('normal', 0.02)"},
        {'input': uniform(1, 3, 64, 64)}, {'output': 'eval'})
    four = junyanz(24, lambda: networks.define_D(3, 4, 'n_layers', 4, 'none'), 'xavier')
    torch.manual_seed(105)
    forward_fixture('nlayers4_ndf4_none_in3', four, {
        'net': "NLayerDiscriminator (define_D netD='n_layers', n_layers_D=4)",
        'ctor': {'input_nc': 3, 'ndf': 4, 'n_layers': 4, 'norm': 'none'},
        'init': "torch.manual_seed(24); define_D; init_weights('xavier', 0.02)"},
        {'input': uniform(1, 3, 64, 64)}, {'output': 'eval'})
    pixel = junyanz(23, lambda: networks.define_D(6, 8, 'pixel', 3, 'batch'))
    torch.manual_seed(106)
    forward_fixture('pixel_ndf8_batch_in6', pixel, {
        'net': "PixelDiscriminator (define_D netD='pixel')", 'ctor': {'input_nc': 6, 'ndf': 8, 'norm': 'batch'},
        'init': "torch.manual_seed(23); define_D; init_weights('normal', 0.02)"},
        {'input': uniform(1, 6, 32, 32)}, {'output_eval': 'eval', 'output_trainbn': 'trainbn'})
    return patch


def make_stargan():
    torch.manual_seed(25)
    g = stargan.Generator(4, 5, 6)
    torch.manual_seed(107)
    x = uniform(2, 3, 32, 32)
    c = torch.tensor([[0, 1, 0, 1, 0], [1, 0, 0, 0, 1]], dtype=torch.float32)
    forward_fixture('stargan_G_dim4_c5', g, {
        'net': 'StarGAN Generator', 'ctor': {'conv_dim': 4, 'c_dim': 5, 'repeat_num': 6},
        'init': 'torch.manual_seed(25); Generator(4, 5, 6); PyTorch default init',
        'modes': 'output_train: train mode (instance norm with track_running_stats uses batch statistics)'},
        {'input_x': x, 'input_c': c}, {'output_train': 'train'})
    torch.manual_seed(4)
    d = stargan.Discriminator(128, 4, 5, 6)
    torch.manual_seed(108)
    forward_fixture('stargan_D_c5_dim4', d, {
        'net': 'StarGAN Discriminator', 'ctor': {'image_size': 128, 'conv_dim': 4, 'c_dim': 5, 'repeat_num': 6},
        'init': 'torch.manual_seed(4); Discriminator(128, 4, 5, 6); PyTorch default init'},
        {'input': uniform(1, 3, 128, 128)}, {'output': 'eval'})


class VggFeatures(torch.nn.Module):
    """torchvision's vgg16().features cut after relu2_2, keeping its 'features.N' key names."""

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
            if i in (3, 8):
                out.append(h)
        return tuple(out)


def make_vgg():
    torch.manual_seed(26)
    vgg = VggFeatures(torchvision.models.vgg16().features[:9])
    name = 'vgg16_features_to_relu2_2'
    entry = {'net': 'torchvision.models.vgg16().features[:9] (conv1_1 .. relu2_2)',
             'init': 'torch.manual_seed(26); torchvision.models.vgg16() default random init (no pretrained weights)',
             'preprocessing': 'input x in [-1,1]; the network sees ((x+1)/2 - mean)/std with ImageNet mean '
                              '[0.485,0.456,0.406], std [0.229,0.224,0.225]'}
    entry.update(write_net(name, vgg))
    torch.manual_seed(109)
    x = uniform(1, 3, 32, 32)
    entry['input'] = write_f32(name + '.input.f32', x)
    with torch.no_grad():
        relu1_2, relu2_2 = vgg(x)
    entry['output_relu1_2'] = write_f32(name + '.relu1_2.f32', relu1_2)
    entry['output_relu2_2'] = write_f32(name + '.relu2_2.f32', relu2_2)
    INDEX[name] = entry


def make_pix2pix_step(g, d):
    """One reference Pix2PixModel.optimize_parameters() from the small U-Net and PatchGAN on a fixed pair."""
    opt = reference_options(netG='unet_256', ngf=4, netD='basic', ndf=8, norm='batch', no_dropout=True,
                            gan_mode='vanilla', lambda_L1=100.0)
    model = Pix2PixModel(opt)
    model.netG.load_state_dict(g.state_dict())
    model.netD.load_state_dict(d.state_dict())
    real_a = torch.from_numpy(np.fromfile(OUT / 'unet256_ngf4_batch.input.f32', dtype='<f4').reshape(1, 3, 256, 256))
    torch.manual_seed(110)
    real_b = uniform(1, 3, 256, 256)
    model.set_input({'A': real_a, 'B': real_b, 'A_paths': ['a.png']})
    model.netG.train()
    model.netD.train()
    model.optimize_parameters()
    step = {'what': 'one Pix2PixModel.optimize_parameters() of the reference, AtoB, batch 1, from '
                    'unet256_ngf4_batch.pth + patchgan_ndf8_batch_in6.pth',
            'options': {'netG': 'unet_256', 'ngf': 4, 'netD': 'basic', 'ndf': 8, 'norm': 'batch',
                        'gan_mode': 'vanilla', 'lambda_L1': 100.0, 'lr': 2e-4, 'beta1': 0.5, 'no_dropout': True},
            'real_A': INDEX['unet256_ngf4_batch']['input'], 'real_B': write_f32('p2p_small.real_B.f32', real_b),
            'losses_in_step': {k: float(getattr(model, 'loss_' + k).item()) for k in model.loss_names}}
    fake = model.fake_B.detach()
    trainbn = np.fromfile(OUT / 'unet256_ngf4_batch.output_trainbn.f32', dtype='<f4').reshape(fake.shape)
    # G(real_A) in train mode is the U-Net fixture's train-mode output: store it once
    step['fake_B_in_step'] = (INDEX['unet256_ngf4_batch']['output_trainbn'] if np.array_equal(fake.numpy(), trainbn)
                              else write_f32('p2p_small.fake_B.f32', fake))
    step['after_checksums'] = 'p2p_small.after_checksums.json'
    sums = {net: {k: {'sum': float(v.double().sum()), 'abs_sum': float(v.double().abs().sum())}
                  for k, v in getattr(model, 'net' + net).state_dict().items() if v.is_floating_point()}
            for net in ('G', 'D')}
    (OUT / 'p2p_small.json').write_text(json.dumps(step, indent=1) + '\n')
    (OUT / 'p2p_small.after_checksums.json').write_text(json.dumps(sums, indent=1) + '\n')


def reference_options(**changes):
    """The options the reference's train.py gives a model, as far as the models read them."""
    opt = dict(isTrain=True, checkpoints_dir=str(OUT / '.unused'), name='fixture', device=torch.device('cpu'),
               preprocess='resize_and_crop', input_nc=3, output_nc=3, n_layers_D=3, init_type='normal',
               init_gain=0.02, lr=2e-4, beta1=0.5, direction='AtoB', continue_train=False, verbose=False)
    opt.update(changes)
    return argparse.Namespace(**opt)


def make_cycle_step():
    """Two reference CycleGANModel.optimize_parameters() from fresh ngf/ndf 4 weights (pools of 50, still filling)."""
    folder = OUT / 'cycle_small'
    folder.mkdir(exist_ok=True)
    inputs = Path(A.cycle_inputs)
    for step, kind in itertools.product((1, 2), ('real_A', 'real_B')):
        src = inputs / ('cycle_step.%d.%s.f32' % (step, kind))
        dst = folder / ('cycle_small.%d.%s.f32' % (step, kind))
        if src.resolve() != dst.resolve():
            shutil.copyfile(src, dst)
    opt = reference_options(netG='resnet_6blocks', ngf=4, netD='basic', ndf=4, norm='instance', no_dropout=True,
                            gan_mode='lsgan', lambda_A=10.0, lambda_B=10.0, lambda_identity=0.5, pool_size=50)
    torch.manual_seed(9)
    model = CycleGANModel(opt)
    names = ('G_A', 'G_B', 'D_A', 'D_B')
    for name in names:
        net = getattr(model, 'net' + name)
        networks.init_weights(net, 'normal', 0.02)
        torch.save(net.state_dict(), folder / ('cycle_small.%s_init.pth' % name))
    losses = []
    fake_b = None
    for step in (1, 2):
        pair = {k: torch.from_numpy(np.fromfile(folder / ('cycle_small.%d.real_%s.f32' % (step, k)), dtype='<f4')
                                    .reshape(1, 3, 64, 64)) for k in ('A', 'B')}
        model.set_input({'A': pair['A'], 'B': pair['B'], 'A_paths': ['a'], 'B_paths': ['b']})
        model.optimize_parameters()
        losses.append({k: float(v) for k, v in model.get_current_losses().items()})
        if step == 1:
            fake_b = write_f32('cycle_small/cycle_small.1.fake_B.f32', model.fake_B)
    (folder / 'cycle_small.json').write_text(json.dumps({
        'what': 'two CycleGANModel.optimize_parameters() of the reference run as is, batch 1, from the *_init.pth '
                'weights, on the 64x64 glyph pairs of the full-size cycle_step fixture',
        'options': {'netG': 'resnet_6blocks', 'ngf': 4, 'netD': 'basic', 'ndf': 4, 'n_layers_D': 3,
                    'norm': 'instance', 'gan_mode': 'lsgan', 'lambda_A': 10.0, 'lambda_B': 10.0,
                    'lambda_identity': 0.5, 'pool_size': 50, 'lr': 2e-4, 'beta1': 0.5,
                    'init': 'normal 0.02 (torch.manual_seed(9) before building the model)'},
        'inputs': 'cycle_small.<step>.real_A.f32 / real_B.f32: [1, 3, 64, 64] float32-le, [-1, 1]',
        'losses': losses, 'fake_B_step1': fake_b}, indent=1) + '\n')
    subprocess.run([sys.executable, str(Path(__file__).with_name('cycle_step_after1.py')), A.junyanz, str(folder),
                    '--prefix', 'cycle_small', '--ngf', '4', '--ndf', '4'], check=True)


def make_cycle_replay():
    """Four reference CycleGAN steps (--pool_size 2) from cycle_small's weights on 32x32 glyphs, every draw recorded."""
    learning = Path(__file__).resolve().parents[1] / 'bench' / 'learning'
    out = OUT / 'cycle_replay'
    with tempfile.TemporaryDirectory() as tmp:
        glyphs = Path(tmp) / 'glyphs'
        subprocess.run([sys.executable, str(learning / 'glyph_domains.py'), str(glyphs), '--size', '32'], check=True)
        env = dict(os.environ, OMP_NUM_THREADS='1', REPLAY_INIT=str(OUT / 'cycle_small' / 'cycle_small.'))
        options = ['--dataroot', str(glyphs), '--model', 'cycle_gan', '--netG', 'resnet_6blocks', '--ngf', '4',
                   '--ndf', '4', '--load_size', '32', '--crop_size', '32', '--n_epochs', '4', '--n_epochs_decay', '2',
                   '--no_html', '--num_threads', '0', '--name', 'fx', '--checkpoints_dir', str(Path(tmp) / 'ck'),
                   '--pool_size', '2']
        subprocess.run([sys.executable, str(learning / 'cycle_gan_replay_dump.py'), A.junyanz, '0',
                        str(Path(tmp) / 'r'), '4'] + options, check=True, env=env)
        out.mkdir(exist_ok=True)
        for name in ('inputs.f32', 'replay.json'):
            shutil.copyfile(Path(tmp) / 'r' / name, out / name)


def main():
    g = make_generators()
    d = make_discriminators()
    make_stargan()
    make_vgg()
    make_pix2pix_step(g, d)
    make_cycle_step()
    make_cycle_replay()
    index = {'torch_version': torch.__version__, 'made_by': 'tools/make_small_fixtures.py',
             'reference_repos': {'pytorch-CycleGAN-and-pix2pix': 'junyanz upstream 2a7afba',
                                 'stargan': 'yunjey/stargan 94dd002'},
             'raw_format': 'raw little-endian float32, C order (NCHW), no header',
             'full_size': 'the same networks at ngf/ndf/conv_dim 16-64 and larger inputs: ../shared/fixtures',
             'pix2pix_training_step': 'p2p_small.json', 'fixtures': INDEX}
    (OUT / 'small_fixtures.json').write_text(json.dumps(index, indent=1) + '\n')


if __name__ == '__main__':
    main()
