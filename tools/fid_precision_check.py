"""How much of the FID-Inception feature difference is float32 rounding: a reference check for the eval fixtures.

Builds pytorch-fid's FID variant of Inception-v3 from torchvision's Inception3 (1008 classes; Mixed_5b-5d, 6b-6e
and 7b pool with avg_pool2d(3, 1, 1, count_include_pad=False), Mixed_7c with max_pool2d(3, 1, 1)), loads
shared/fixtures/eval/fid_inception_random_f16.pth (float16 values, exact in float32 and float64), and computes the
pooled features of the fixture images at every --dims in float32 and in float64. It prints, per input and dims,
the largest difference (absolute, and relative to the largest feature) between

  - the fixture (pytorch-fid 0.3.0 under PyTorch 1.13, float32) and this float32 run (PyTorch 2.13),
  - the fixture and this float64 run,
  - this float32 run and this float64 run,

and, with --kid, the KID of the full fid_real/fid_fake sets from float32 and float64 features against the
fixture's kid_full_set. With --write it saves the float64 features as
transmute-core/src/test/resources/fixtures/eval/f64/feature_input_*.dims*.f64.npy, the reference the Java
extractor run in float64 is compared with (and, with --kid, the three KIDs as f64/kid_full_set.json).

    PYTHONPATH=/tmp/tvshim /tmp/tvenv/bin/python tools/fid_precision_check.py [--kid] [--write]
"""
import argparse
import glob
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torchvision.models.inception import Inception3, InceptionA, InceptionC, InceptionE

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared", "fixtures", "eval")
OUT = os.path.join(HERE, "..", "transmute-core", "src", "test", "resources", "fixtures", "eval", "f64")
INPUTS = ["feature_input_mono_128x128", "feature_input_sans_97x211", "feature_input_serif_160x120"]
DIMS = [64, 192, 768, 2048]


class FidA(InceptionA):
    def _forward(self, x):
        pool = self.branch_pool(F.avg_pool2d(x, 3, 1, 1, count_include_pad=False))
        d = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        return [self.branch1x1(x), self.branch5x5_2(self.branch5x5_1(x)), d, pool]


class FidC(InceptionC):
    def _forward(self, x):
        b7 = self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))
        d = x
        for layer in (self.branch7x7dbl_1, self.branch7x7dbl_2, self.branch7x7dbl_3, self.branch7x7dbl_4,
                      self.branch7x7dbl_5):
            d = layer(d)
        return [self.branch1x1(x), b7, d, self.branch_pool(F.avg_pool2d(x, 3, 1, 1, count_include_pad=False))]


class FidE(InceptionE):
    def __init__(self, in_channels, max_pool):
        super().__init__(in_channels)
        self.max_pool = max_pool

    def _forward(self, x):
        t = self.branch3x3_1(x)
        t = torch.cat([self.branch3x3_2a(t), self.branch3x3_2b(t)], 1)
        d = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        d = torch.cat([self.branch3x3dbl_3a(d), self.branch3x3dbl_3b(d)], 1)
        p = F.max_pool2d(x, 3, 1, 1) if self.max_pool else F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)
        return [self.branch1x1(x), t, d, self.branch_pool(p)]


def fid_inception(weights):
    net = Inception3(num_classes=1008, aux_logits=False, init_weights=False)
    net.Mixed_5b, net.Mixed_5c, net.Mixed_5d = FidA(192, 32), FidA(256, 64), FidA(288, 64)
    net.Mixed_6b, net.Mixed_6c, net.Mixed_6d, net.Mixed_6e = FidC(768, 128), FidC(768, 160), FidC(768, 160), \
        FidC(768, 192)
    net.Mixed_7b, net.Mixed_7c = FidE(1280, False), FidE(2048, True)
    sd = torch.load(weights, map_location="cpu", weights_only=False)
    net.load_state_dict({k: v.float() for k, v in sd.items()})
    return net.eval()


def blocks(net):
    return [
        [net.Conv2d_1a_3x3, net.Conv2d_2a_3x3, net.Conv2d_2b_3x3, lambda x: F.max_pool2d(x, 3, 2)],
        [net.Conv2d_3b_1x1, net.Conv2d_4a_3x3, lambda x: F.max_pool2d(x, 3, 2)],
        [net.Mixed_5b, net.Mixed_5c, net.Mixed_5d, net.Mixed_6a, net.Mixed_6b, net.Mixed_6c, net.Mixed_6d,
         net.Mixed_6e],
        [net.Mixed_7a, net.Mixed_7b, net.Mixed_7c],
    ]


@torch.no_grad()
def features(net, images, dtype):
    """pytorch-fid's InceptionV3 forward: bilinear resize to 299 (align_corners=False), 2x - 1, pooled blocks."""
    x = F.interpolate(images.to(dtype), size=(299, 299), mode="bilinear", align_corners=False) * 2 - 1
    out = []
    for block in blocks(net):
        for layer in block:
            x = layer(x)
        out.append(F.adaptive_avg_pool2d(x, 1).flatten(1))
    return out


def load(path):
    img = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(img).permute(2, 0, 1)[None]


def kid(x, y):
    d = x.shape[1]
    m = x.shape[0]
    a = (x @ x.T / d + 1) ** 3 + (y @ y.T / d + 1) ** 3
    b = (x @ y.T / d + 1) ** 3
    return ((a.sum() - np.diag(a).sum()) / (m - 1) - b.sum() * 2 / m) / m


def diff(a, b):
    m = float(np.abs(a - b).max())
    return {"max_abs": m, "rel_to_scale": m / float(np.abs(b).max())}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kid", action="store_true", help="also KID of the full sets (120 forwards in float64)")
    p.add_argument("--write", action="store_true", help="write the float64 features as test fixtures")
    p.add_argument("--save_kid_features", metavar="NPZ",
                   help="with --kid, also save the pool3 features of both sets in float32 and float64 to NPZ")
    args = p.parse_args()
    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    net32 = fid_inception(os.path.join(SHARED, "fid_inception_random_f16.pth"))
    net64 = fid_inception(os.path.join(SHARED, "fid_inception_random_f16.pth")).double()
    report = {"torch": torch.__version__, "features": {}}
    for name in INPUTS:
        x = load(os.path.join(SHARED, name + ".png"))
        f32 = [t[0].numpy().astype(np.float64) for t in features(net32, x, torch.float32)]
        f64 = [t[0].numpy() for t in features(net64, x, torch.float64)]
        for i, d in enumerate(DIMS):
            fixture = np.load(os.path.join(SHARED, f"{name}.dims{d}.npy")).astype(np.float64).reshape(-1)
            report["features"][f"{name} dims {d}"] = {
                "fixture_vs_f32": diff(f32[i], fixture),
                "fixture_vs_f64": diff(f64[i], fixture),
                "f32_vs_f64": diff(f32[i], f64[i]),
            }
            if args.write:
                os.makedirs(OUT, exist_ok=True)
                np.save(os.path.join(OUT, f"{name}.dims{d}.f64.npy"), f64[i])
    if args.kid:
        sets = {}
        for side in ("fid_real", "fid_fake"):
            files = sorted(glob.glob(os.path.join(SHARED, side, "*.png")))
            sets[side] = {dt: np.stack([features(net, load(f), dt)[3][0].numpy().astype(np.float64) for f in files])
                          for dt, net in ((torch.float32, net32), (torch.float64, net64))}
        if args.save_kid_features:
            np.savez(args.save_kid_features, **{f"{side}_{'f64' if dt == torch.float64 else 'f32'}": v
                                                for side, by in sets.items() for dt, v in by.items()})
        expected = json.load(open(os.path.join(SHARED, "eval.json")))["kid_full_set"]
        k32 = kid(sets["fid_real"][torch.float32], sets["fid_fake"][torch.float32])
        k64 = kid(sets["fid_real"][torch.float64], sets["fid_fake"][torch.float64])
        report["kid_full_set"] = {"fixture": expected, "f32": k32, "f64": k64,
                                  "fixture_vs_f32_rel": abs(k32 - expected) / expected,
                                  "fixture_vs_f64_rel": abs(k64 - expected) / expected,
                                  "f32_vs_f64_rel": abs(k32 - k64) / k64}
        if args.write:
            with open(os.path.join(OUT, "kid_full_set.json"), "w") as f:
                json.dump({"made_by": "tools/fid_precision_check.py --kid --write: KID of the full fid_real/fid_fake"
                           " sets (unbiased MMD^2, cubic kernel, numpy float64) from this FID-Inception's pool3"
                           " features under PyTorch " + torch.__version__ + ", one image per forward pass",
                           **report["kid_full_set"]}, f, indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
