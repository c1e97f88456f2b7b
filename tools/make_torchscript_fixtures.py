"""Makes the small TorchScript archives the tests read (transmute-core/src/test/resources/fixtures/torchscript/).

Run with Debian's python3-torch (PyTorch 1.13): /usr/bin/python3 tools/make_torchscript_fixtures.py
Writes, for a tiny image-to-image generator that is not a reference architecture:
  tiny_traced.pt    torch.jit.trace of it (3 -> 3 channels)
  tiny_scripted.pt  torch.jit.script of the same weights, with an extra exported method
  tiny.input.f32 / tiny.output.f32   a [1, 3, 16, 20] input and the generator's output (raw float32 LE)
  tiny.params.txt   parameter names and shapes in named_parameters() order
"""
import json
import os

import torch
import torch.nn as nn

OUT = os.path.join(os.path.dirname(__file__), "..", "transmute-core", "src", "test", "resources", "fixtures",
                   "torchscript")


class TinyGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.encode = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(3, 8, 3), nn.InstanceNorm2d(8, affine=True),
                                    nn.ReLU())
        self.decode = nn.Sequential(nn.Conv2d(8, 3, 1), nn.Tanh())

    def forward(self, x):
        return self.decode(self.encode(x))

    @torch.jit.export
    def channels(self) -> int:
        return 3


def main():
    torch.manual_seed(0)
    os.makedirs(OUT, exist_ok=True)
    g = TinyGenerator().eval()
    x = torch.rand(1, 3, 16, 20) * 2 - 1
    with torch.no_grad():
        y = g(x)
        traced = torch.jit.trace(g, x)
    scripted = torch.jit.script(g)
    traced.save(os.path.join(OUT, "tiny_traced.pt"))
    scripted.save(os.path.join(OUT, "tiny_scripted.pt"))
    x.numpy().astype("<f4").tofile(os.path.join(OUT, "tiny.input.f32"))
    y.numpy().astype("<f4").tofile(os.path.join(OUT, "tiny.output.f32"))
    with open(os.path.join(OUT, "tiny.params.txt"), "w") as f:
        for name, p in g.named_parameters():
            f.write(f"{name} {list(p.shape)}\n")
    with open(os.path.join(OUT, "README.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "maker": "tools/make_torchscript_fixtures.py",
                   "input_shape": [1, 3, 16, 20], "output_shape": list(y.shape)}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
