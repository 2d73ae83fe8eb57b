"""The optional compiled cores: the aligner's search (src/hamsu/align/_beads.c), the name
linker's transliteration cost (src/hamsu/names/_translit.c), the words of a Persian sentence
(src/hamsu/names/_faspans.c), the number check's tokenizer (src/hamsu/check/_numerals.c) and the
names check's romanization loop (src/hamsu/names/_presence.c).

Everything else is declared in pyproject.toml. The extension is optional: where no C compiler is
found the build goes on without it and hamsu runs the same search in Python (same paths, slower).
"""
import os

from setuptools import Extension, setup

# No fused multiply-adds: the compiled search must round exactly as the Python one does.
flags = ["-O2", "-ffp-contract=off"] if os.name == "posix" else ["/fp:strict"]

setup(
    ext_modules=[
        Extension("hamsu.align._beads", ["src/hamsu/align/_beads.c"], extra_compile_args=flags, optional=True),
        Extension("hamsu.names._translit", ["src/hamsu/names/_translit.c"], extra_compile_args=flags, optional=True),
        Extension("hamsu.names._faspans", ["src/hamsu/names/_faspans.c"], extra_compile_args=flags, optional=True),
        Extension("hamsu.check._numerals", ["src/hamsu/check/_numerals.c"], extra_compile_args=flags, optional=True),
        Extension("hamsu.names._presence", ["src/hamsu/names/_presence.c"], extra_compile_args=flags, optional=True),
    ]
)
