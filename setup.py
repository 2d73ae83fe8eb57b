"""The optional compiled core of the aligner's search (src/hamsu/align/_beads.c).

Everything else is declared in pyproject.toml. The extension is optional: where no C compiler is
found the build goes on without it and hamsu runs the same search in Python (same paths, slower).
"""
import os

from setuptools import Extension, setup

# No fused multiply-adds: the compiled search must round exactly as the Python one does.
flags = ["-O2", "-ffp-contract=off"] if os.name == "posix" else ["/fp:strict"]

setup(
    ext_modules=[
        Extension("hamsu.align._beads", ["src/hamsu/align/_beads.c"], extra_compile_args=flags, optional=True)
    ]
)
