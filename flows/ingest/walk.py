"""Walking local input folders safely: what is read, and what is refused with a reason.

Policy (stated in README.md):
- only regular files are read; a FIFO, socket or device found in a folder is refused
  (opening a FIFO would block the run forever);
- a symbolic link is followed only when it resolves inside one of the input roots (the
  folders and files given on the command line); a link out of them (`/etc/passwd`), a
  dangling link, a link loop and a link to a folder are refused;
- a file or folder name that is not valid UTF-8 is refused (the lake stores names as text);
- a folder that cannot be listed is refused.
Each refusal is a `(path, reason)` pair; the run turns it into a quarantine row.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import PurePosixPath

NOT_DUMPS = (".md", ".rst", ".py", ".yaml", ".yml", ".toml", ".cfg", ".ini", ".sh")
KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device", stat.S_IFDIR: "a folder",
}


def printable(path: str) -> str:
    """A path as valid text: bytes of a non-UTF-8 name shown as \\xNN escapes."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def hidden(relative: str) -> bool:
    """Files and folders starting with '.' or '_' and docs/scripts are never dumps."""
    path = PurePosixPath(relative)
    return any(part[:1] in (".", "_") for part in path.parts) or path.suffix.lower() in NOT_DUMPS


def kind_of(mode: int) -> str:
    return KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def link_refusal(path: str, roots: list[str]) -> str | None:
    """Why a symbolic link is not followed, or None when it leads to a file inside the roots."""
    try:
        target = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: not followed"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return f"dangling symlink: its target {printable(os.readlink(path))!r} does not exist"
        return f"cannot follow symlink: {exc.strerror}"
    resolved = os.path.realpath(path)
    if not _inside(resolved, roots):
        return f"symlink to {printable(resolved)!r}, outside the input folders: not followed"
    if stat.S_ISDIR(target.st_mode):
        return "symlink to a folder: not followed (the folders given are walked as they are)"
    if not stat.S_ISREG(target.st_mode):
        return f"symlink to {kind_of(target.st_mode)}: only regular files are read"
    return None


def entry_refusal(path: str, roots: list[str]) -> str | None:
    """Why a path found in a folder is not read, or None for a regular file to read."""
    if printable(path) != path:
        return "file name is not valid UTF-8: rename the file to read it"
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"cannot stat file: {exc.strerror}"
    if stat.S_ISLNK(info.st_mode):
        return link_refusal(path, roots)
    if not stat.S_ISREG(info.st_mode):
        return f"{kind_of(info.st_mode)}: only regular files are read"
    return None


def walk_folder(folder: str, roots: list[str], found: set[str], refused: dict[str, str]) -> None:
    """Regular files under `folder` into `found`; everything refused into `refused`."""
    base = folder.rstrip("/") or "/"

    def unlistable(exc: OSError) -> None:
        name = exc.filename if isinstance(exc.filename, str) else folder
        refused[printable(name)] = f"cannot list folder: {exc.strerror}"

    for current, dirs, files in os.walk(folder, onerror=unlistable, followlinks=False):
        relative_dir = os.path.relpath(current, base)
        keep = []
        for name in sorted(dirs):
            relative = os.path.normpath(os.path.join(relative_dir, name))
            path = os.path.join(current, name)
            if hidden(relative):
                continue
            reason = entry_refusal(path, roots) if os.path.islink(path) or printable(name) != name else None
            if reason:
                refused[printable(path)] = reason
            else:
                keep.append(name)
        dirs[:] = keep
        for name in sorted(files):
            relative = os.path.normpath(os.path.join(relative_dir, name))
            if hidden(relative):
                continue
            path = os.path.join(current, name)
            reason = entry_refusal(path, roots)
            if reason:
                refused[printable(path)] = reason
            else:
                found.add(path)
