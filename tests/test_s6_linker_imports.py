"""The name linker's functions import nothing when called: an import statement inside a function
runs at every call (about 8,000 instructions each time, measured with cachegrind), and the linker
calls its functions once a word or a sentence. Modules are imported once, at the top."""
from __future__ import annotations

import dis
import inspect
import types

from hamsu.names import english, generic, link, persian, translit

# Run once per process (lru_cache(maxsize=1)): their imports load what the linker may not need.
RUN_ONCE = {"hamsu.names.generic.aligner_dictionary"}


def _codes(code: types.CodeType):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def _functions(module: types.ModuleType):
    for obj in vars(module).values():
        if inspect.isclass(obj) and obj.__module__ == module.__name__:
            members = [inspect.unwrap(v) for v in vars(obj).values() if callable(v) or isinstance(v, property)]
            yield from (f for f in members if inspect.isfunction(f))
        elif callable(obj):
            function = inspect.unwrap(obj)
            if inspect.isfunction(function) and function.__module__ == module.__name__:
                yield function


def test_no_function_of_the_linker_imports_at_each_call():
    importing = set()
    for module in (english, generic, link, persian, translit):
        for function in _functions(module):
            if any(i.opname == "IMPORT_NAME" for code in _codes(function.__code__) for i in dis.get_instructions(code)):
                importing.add(f"{module.__name__}.{function.__qualname__}")
    assert importing == RUN_ONCE


def test_the_functions_asked_once_a_word_or_a_sentence_are_among_those_looked_at():
    looked_at = {f"{f.__module__}.{f.__qualname__}" for m in (persian, link) for f in _functions(m)}
    hot = {"hamsu.names.persian._answer", "hamsu.names.persian.generic_spans", "hamsu.names.link._Unit.find"}
    assert hot <= looked_at
