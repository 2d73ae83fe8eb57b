"""The inputs of a build as a stream of jobs: one per document, in a fixed order.

The order is the build's clock: a job's place in it (its sequence number, given by the
coordinator) decides its shard and which of two duplicate units is kept, so the same inputs give
the same order on every run and machine. INPUT arguments are taken in the order given; a folder
is walked depth-first with each folder's entries sorted by name (code point order, not the
locale's, which differs between machines); a JSON-lines file yields its lines in order.

Jobs carry the raw bytes of their document, read here (cheap) and decoded, parsed and processed
by a worker (expensive), so a worker needs no access to the input files (a Dask worker may run on
another machine) and the coordinator stays light. Bytes are read lazily, as the engine asks for
more jobs, so only the jobs in flight are in memory.

What a folder may hold:
- an article file: one a reader of the table reads (hamsu.read.readers(): .txt/.text, one bilingual
  file with either language first, .html/.htm/.xhtml, or a plugin's);
- a Persian/English pair named alike: NAME.fa.EXT + NAME.en.EXT (also NAME_fa / NAME-fa, no
  extension: NAME.fa + NAME.en, or no NAME: fa.txt + en.txt), or subfolders fa/ and en/ holding
  the same relative paths;
- JSON lines, .jsonl or .jsonl.gz, {"fa": ..., "en": ...} with optional id, url, title, date
  (any file a JSON-lines reader of the table claims).
Names starting with "." (.git, editor files) are not walked. Any other file, and a pair member
without its counterpart, becomes a job too (kind "skip" or "bad"), so the summary lists it:
nothing is dropped silently. In a folder only regular files are read: a named pipe, a device or a
socket (or a link to one) is listed as skipped without being opened, since reading one could
wait for ever or never end. A file named on the command line is read whatever it is (a pipe from
<(...) included), up to the maximum input size; for JSON lines the maximum is per line.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
import stat
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..read.decode import CHUNK_BYTES, DEFAULT_MAX_INPUT_BYTES, NUL, too_large

LANGS = ("fa", "en")
# NAME.fa.txt, NAME_en.html, NAME-fa, NAME.en: the language tag before the extension, if any.
# Also fa.txt + en.txt alone (an article per folder).
_TAGGED = re.compile(r"^(?:(?P<base>.+?)(?P<sep>[._-]))?(?P<lang>fa|en)(?P<ext>\.[A-Za-z0-9]+)?$", re.IGNORECASE)
READ_BLOCK = 1 << 16


@dataclass(frozen=True, slots=True)
class Job:
    """One document to read and process, or one input that cannot be (kind "bad" or "skip").

    kind: "text" (a one-file article, HTML by extension), "pair" (Persian bytes, English bytes),
    "jsonl" (one line), "bad" (unreadable: `reason` says why) or "skip" (not an article file).
    `source` names it in messages (path, "FA + EN", or path:line); `group` is the per-source
    count it belongs to (the JSON-lines file, or the folder of the article); `nbytes` is its share
    of the input's size on disk, for the progress bar.
    """

    kind: str
    source: str
    group: str
    data: tuple[bytes, ...] = ()
    reason: str = ""
    nbytes: int = 0
    suffix: str = ""  # the article's extension, lower case: decides text or HTML

    def fingerprint(self, digest) -> None:
        """Feed what this job is into `digest`: a shard whose jobs hash alike is the same work."""
        digest.update(f"{self.kind}\0{self.source}\0{self.reason}\0{self.suffix}\0{len(self.data)}\0".encode())
        for part in self.data:
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)


@dataclass(frozen=True)
class Limits:
    """How inputs are read: at most `max_bytes` a document (a file, a pair member, a JSON line),
    and, unless the encoding is UTF-16 or UTF-32, a NUL byte is binary data, found in the chunk
    that has it rather than after the whole file has been read."""

    max_bytes: int = DEFAULT_MAX_INPUT_BYTES
    nul_is_binary: bool = True


def is_jsonl(name: str) -> bool:
    """JSON lines, read one line a job."""
    from ..read.table import JsonlReader, reader_by_suffix

    return isinstance(reader_by_suffix(name), JsonlReader)


def is_article(name: str) -> bool:
    """A file some reader claims by its ending, read whole as one job."""
    from ..read.table import reader_by_suffix

    reader = reader_by_suffix(name)
    return reader is not None and not is_jsonl(name)


def _kinds() -> str:
    """The first ending of each reader: what a skipped file's reason names."""
    from ..read.table import readers

    return ", ".join(r.suffixes[0] for r in readers().values() if r.suffixes)


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _reason(error: Exception, path: str) -> str:
    """An InputError's message without its leading "PATH: " (a job's source says where)."""
    message = str(error)
    return message[len(path) + 2 :] if message.startswith(f"{path}: ") else message


def _read(path: str, limits: Limits) -> tuple[bytes | None, str]:
    """The bytes of a file, read a chunk at a time; or None and why not (too large, binary)."""
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes:
                return None, _reason(too_large(path, limits.max_bytes), path)
            chunks, total = [], 0
            while block := f.read(CHUNK_BYTES):
                if limits.nul_is_binary and NUL in block:
                    return None, f"binary data (a NUL byte) at byte {total + block.index(NUL)}"
                total += len(block)
                if total > limits.max_bytes:
                    return None, _reason(too_large(path, limits.max_bytes), path)
                chunks.append(block)
            return b"".join(chunks), ""
    except IsADirectoryError:
        return None, "is a directory"
    except OSError as e:
        return None, f"cannot read ({e.strerror or e})"


def not_regular(path: str) -> str:
    """What a path that is not a regular file is ("a named pipe", "a link to a device" ...), or ""
    for a regular file (or one that cannot be looked at: reading it will say why)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return ""
    if stat.S_ISREG(mode):
        return ""
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")  # fmt: skip
    return f"a link to {kind.removeprefix('a ')}" if os.path.islink(path) else kind


def file_job(path: str, group: str, limits: Limits = Limits()) -> Job:
    data, error = _read(path, limits)
    if data is None:
        return Job("bad", path, group, reason=error)
    return Job("text", path, group, (data,), nbytes=len(data), suffix=_suffix(path))


def pair_job(fa_path: str, en_path: str, group: str, limits: Limits = Limits()) -> Job:
    source = f"{fa_path} + {en_path}"
    for path in (fa_path, en_path):
        kind = not_regular(path)
        if kind:
            return Job("skip", path, group, reason=f"{kind}: only regular files are read in a folder")
    fa, error = _read(fa_path, limits)
    if fa is None:
        return Job("bad", fa_path, group, reason=error)
    en, error = _read(en_path, limits)
    if en is None:
        return Job("bad", en_path, group, reason=error)
    # The suffix says how the worker reads both files (HTML: its article text); pairs of pages
    # already read to text (crawls) have none.
    return Job("pair", source, group, (fa, en), nbytes=len(fa) + len(en), suffix=_suffix(fa_path))


class _Counted:
    """A binary file that counts the bytes read from it: how far a gzip stream has got on disk."""

    def __init__(self, raw) -> None:
        self.raw = raw
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.count += len(data)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()


def jsonl_jobs(path: str, limits: Limits = Limits()) -> Iterator[Job]:
    """One job per non-blank line (bytes, decoded by the worker, so an undecodable line is one bad
    document, not a lost file). Only b"\\n" ends a record, as in hamsu.read.jsonl; lines are
    numbered from 1 like an editor's. A broken gzip stream ends the file with a bad job saying where."""
    try:
        raw = open(path, "rb")
    except OSError as e:
        yield Job("bad", path, path, reason=f"cannot read ({e.strerror or e})")
        return
    counted = _Counted(raw)
    stream = gzip.GzipFile(filename="", mode="rb", fileobj=counted) if path.lower().endswith(".gz") else counted
    number, seen, done = 0, 0, 0
    pending = b""
    try:
        with raw:
            while True:
                try:
                    block = stream.read(READ_BLOCK)
                except (OSError, EOFError, zlib.error) as e:
                    # BadGzipFile is an OSError; a truncated stream is an EOFError.
                    reason = "truncated gzip stream" if isinstance(e, EOFError) else f"not a valid gzip file ({e})"
                    yield Job("bad", f"{path}:{number + 1}", path, reason=reason)
                    return
                if not block:
                    break
                pending += block
                if b"\n" not in block:
                    if len(pending) > limits.max_bytes:
                        reason = _reason(too_large(path, limits.max_bytes), path).replace("larger", "a line larger", 1)
                        yield Job("bad", f"{path}:{number + 1}", path, reason=reason)
                        return
                    continue  # inside a long line: do not split what is held again and again
                *lines, pending = pending.split(b"\n")
                for line in lines:
                    number += 1
                    if line.strip():
                        seen += 1
                        size = counted.count - done
                        done = counted.count
                        yield Job("jsonl", f"{path}:{number}", path, (line,), nbytes=size)
            if pending.strip():
                number += 1
                seen += 1
                yield Job("jsonl", f"{path}:{number}", path, (pending,), nbytes=counted.count - done)
    finally:
        stream.close()
    if not seen:
        yield Job("bad", path, path, reason="empty (no JSON lines)")


def is_warc(name: str) -> bool:
    """A crawl (the reader table's WARC files): its pages are paired first (hamsu.pair)."""
    from ..read.table import is_crawl

    return is_crawl(name)


def warc_jobs(path: str) -> Iterator[Job]:
    """A crawl's pages paired (hamsu.pair), one "pair" job per pair; the pages left unpaired and
    the records that are no pages (by reason) as "skip" jobs, a malformed record as a "bad" one."""
    yield from _paired_jobs((path,), path, _stamp(path))


def _stamp(*paths: str) -> tuple:
    """What a cached pairing depends on: each file's size and modification time."""
    out = []
    for path in paths:
        try:
            st = os.stat(path)
            out.append((path, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append((path, -1, -1))
    return tuple(out)


# The pairing counts of each crawl or folder paired by content (pages, languages, pairs, unpaired
# by reason), by group, for the build's summary; filled as the walk pairs them.
PAIRING: dict[str, dict] = {}


@lru_cache(maxsize=4)  # a build walks its inputs more than once; pairing a crawl is the costly part
def _paired_jobs(paths: tuple[str, ...], group: str, stamp: tuple) -> tuple[Job, ...]:
    from ..errors import InputError
    from ..pair import pair_inputs, pairing_counts

    try:
        reading, pairing = pair_inputs(list(paths))
    except InputError as e:
        return (Job("bad", group, group, reason=str(e).removeprefix(f"{group}: ")),)
    PAIRING[group] = pairing_counts(reading, pairing)
    jobs = [
        Job("pair", f"{p.fa.source} + {p.en.source}", group, (p.fa.text.encode(), p.en.text.encode()))
        for p in sorted(pairing.pairs, key=lambda p: (p.fa.source, p.en.source))
    ]
    jobs += [Job("skip", u.source, group, reason=f"unpaired {u.lang} page: {u.reason}")
             for u in reading.unpaired + pairing.unpaired]  # fmt: skip
    jobs += [Job("skip", f"{group} ({n} records)", group, reason=f"not a page: {why}")
             for why, n in sorted(reading.skipped.items()) if why != "malformed record"]  # fmt: skip
    jobs += [Job("bad", group, group, reason=w.removeprefix(f"{group}: ")) for w in reading.warnings]
    size = sum(max(s[1], 0) for s in stamp)
    share = size // max(len(jobs), 1)  # the progress bar counts bytes on disk: spread them over the jobs
    return tuple(Job(j.kind, j.source, j.group, j.data, j.reason, share, j.suffix) for j in jobs)


def listed_pair_jobs(inputs: list[str], pairs_file: str) -> Iterator[Job]:
    """One "pair" job per line of a pair list (`hamsu pair` output, perhaps edited), its pages
    looked up among the pages of the inputs or read from the files it names; a source found
    nowhere is a "bad" job."""
    yield from _listed_jobs(tuple(inputs), pairs_file, _stamp(pairs_file, *inputs))


@lru_cache(maxsize=2)
def _listed_jobs(inputs: tuple[str, ...], pairs_file: str, stamp: tuple) -> tuple[Job, ...]:
    from ..errors import InputError
    from ..pair import paired_documents, read_inputs, read_pairs_file

    try:
        listed = read_pairs_file(pairs_file)
        pages = read_inputs(list(inputs)).pages if inputs else []
    except InputError as e:
        return (Job("bad", pairs_file, pairs_file, reason=str(e)),)
    jobs = []
    for fa, en in listed:
        source = f"{fa} + {en}"
        try:
            [document] = paired_documents([(fa, en)], pages)
        except InputError as e:
            jobs.append(Job("bad", source, pairs_file, reason=str(e)))
            continue
        data = tuple(text.encode("utf-8") for text in document.texts)
        jobs.append(Job("pair", source, pairs_file, data, nbytes=sum(map(len, data))))
    return tuple(jobs)


def walk(inputs: list[str], exclude: Path | None = None, limits: Limits = Limits()) -> Iterator[Job]:
    """Every job of the inputs, in the build's order. `exclude`: a folder never walked (the
    build's own output folder, which may sit inside an input folder)."""
    skip = exclude.resolve() if exclude is not None else None
    for arg in inputs:
        path = str(Path(arg))
        if os.path.isdir(path):
            yield from _walk_dir(path, skip, limits)
        elif is_warc(path):
            yield from warc_jobs(path)
        elif is_jsonl(path):
            yield from jsonl_jobs(path, limits)
        else:
            # A file named on the command line is read whatever its extension: the user chose it.
            yield file_job(path, os.path.dirname(path) or ".", limits)


def _entries(folder: str) -> tuple[list[str], list[str], str]:
    """(subfolders, files) of a folder, each sorted by name, hidden names left out; or an error."""
    try:
        names = sorted(n for n in os.listdir(folder) if not n.startswith("."))
    except OSError as e:
        return [], [], f"cannot list ({e.strerror or e})"
    dirs, files = [], []
    for name in names:
        full = os.path.join(folder, name)
        (dirs if os.path.isdir(full) and not os.path.islink(full) else files).append(name)
    return dirs, files, ""


def _walk_dir(folder: str, skip: Path | None, limits: Limits) -> Iterator[Job]:
    if skip is not None and Path(folder).resolve() == skip:
        return
    dirs, files, error = _entries(folder)
    if error:
        yield Job("bad", folder, folder, reason=error)
        return
    paired_dirs = "fa" in dirs and "en" in dirs
    tagged = _tagged_pairs(files)
    entries = sorted([(d, True) for d in dirs] + [(f, False) for f in files])
    for name, is_dir in entries:
        full = os.path.join(folder, name)
        if is_dir:
            if paired_dirs and name == "en":
                continue  # walked with fa/
            if paired_dirs and name == "fa":
                yield from _folder_pairs(folder, os.path.join(folder, "fa"), os.path.join(folder, "en"), limits)
            else:
                yield from _walk_dir(full, skip, limits)
            continue
        if os.path.islink(full) and os.path.isdir(full):
            yield Job("skip", full, folder, reason="a link to a folder (not followed)")
        elif name in tagged:  # pair_job looks at both members before it opens either
            partner, lang = tagged[name]
            if partner is None:
                other = _partner_name(name, "en" if lang == "fa" else "fa")
                yield Job("bad", full, folder, reason=f"no counterpart {other} beside it")
            elif lang == "fa":
                yield pair_job(full, os.path.join(folder, partner), folder, limits)
            # the English member is read with its Persian one
        elif special := not_regular(full):
            yield Job("skip", full, folder, reason=f"{special}: only regular files are read in a folder")
        elif is_jsonl(name):
            yield from jsonl_jobs(full, limits)
        elif is_warc(name):
            yield from warc_jobs(full)
        elif is_article(name):
            yield file_job(full, folder, limits)
        else:
            yield Job("skip", full, folder, reason=f"not an article file ({_kinds()})")


def _partner_name(name: str, lang: str) -> str:
    m = _TAGGED.match(name)
    assert m is not None
    tag = lang.upper() if m["lang"].isupper() else lang
    return f"{m['base'] or ''}{m['sep'] or ''}{tag}{m['ext'] or ''}"


def _tagged_pairs(files: list[str]) -> dict[str, tuple[str | None, str]]:
    """Files named as one side of a pair: name -> (the other side's name or None, own language).
    Only text and HTML files, or files with no extension, can be pair members."""
    present = set(files)
    found: dict[str, tuple[str | None, str]] = {}
    for name in files:
        m = _TAGGED.match(name)
        if m is None or (m["ext"] and not is_article(name)) or is_jsonl(name):
            continue
        lang = m["lang"].lower()
        partner = _partner_name(name, "en" if lang == "fa" else "fa")
        found[name] = (partner if partner in present else None, lang)
    return found


def _relative_files(root: str) -> list[str]:
    """Article files under `root`, as sorted relative paths (a sorted walk, hidden names left out)."""
    found: list[str] = []

    def visit(rel: str) -> None:
        dirs, files, _ = _entries(os.path.join(root, rel) if rel else root)
        for name, is_dir in sorted([(d, True) for d in dirs] + [(f, False) for f in files]):
            child = os.path.join(rel, name) if rel else name
            if is_dir:
                visit(child)
            else:
                found.append(child)

    visit("")
    return found


def _folder_pairs(group: str, fa_root: str, en_root: str, limits: Limits) -> Iterator[Job]:
    """fa/REL with en/REL for every relative path in either folder, in sorted order."""
    fa_files, en_files = set(_relative_files(fa_root)), set(_relative_files(en_root))
    for rel in sorted(fa_files & en_files):
        yield pair_job(os.path.join(fa_root, rel), os.path.join(en_root, rel), group, limits)
    # Files whose name has no counterpart: two editions of a site name their pages differently,
    # so their content decides (hamsu.pair); what stays unpaired is reported, not an error.
    alone = [os.path.join(fa_root, rel) for rel in sorted(fa_files - en_files) if is_article(rel)]
    alone += [os.path.join(en_root, rel) for rel in sorted(en_files - fa_files) if is_article(rel)]
    if alone:
        yield from _paired_jobs(tuple(alone), group, _stamp(*alone))
    for rel in sorted(fa_files ^ en_files):
        if not is_article(rel):
            root = fa_root if rel in fa_files else en_root
            yield Job("skip", os.path.join(root, rel), group, reason="not an article file (.txt, .html)")


def input_size(inputs: list[str], exclude: Path | None = None) -> int:
    """Bytes on disk of everything walk() will read: the progress bar's total (stat only)."""
    skip = exclude.resolve() if exclude is not None else None
    total = 0
    for arg in inputs:
        if not os.path.isdir(arg):
            total += _size(arg)
            continue
        for root, dirs, files in os.walk(arg):
            if skip is not None and Path(root).resolve() == skip:
                dirs[:] = []
                continue
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            total += sum(_size(os.path.join(root, f)) for f in files if not f.startswith("."))
    return total


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def new_digest():
    return hashlib.blake2b(digest_size=16)
