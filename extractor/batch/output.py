"""The batch's output file: append-only JSON Lines that survive a kill -9, and resume.

Each record is one line written with one write() call on an unbuffered file, so a line is
either whole or, if the process dies mid-write, a torn tail without its newline. Before
appending, that torn tail is cut away, so the file stays valid JSON Lines and the rerun
processes the torn record again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import TracebackType

from extractor.batch.records import BatchRecord
from extractor.errors import InputError

_CHUNK = 1 << 16


def done_ids(out: Path) -> set[str]:
    """The ids of every whole record line in ``out`` (none if it does not exist); a torn
    last line, or a line that is not a record, counts as not done.

    Raises:
        InputError: ``out`` exists but cannot be read (a folder, no permission).
    """
    ids: set[str] = set()
    try:
        handle = out.open("rb")
    except FileNotFoundError:
        return ids
    except OSError as error:
        raise InputError(str(out), f"cannot be read ({error.strerror or error})") from error
    with handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break  # the torn tail of a killed run
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                ids.add(record["id"])
    return ids


def cut_torn_tail(out: Path) -> int:
    """Truncate ``out`` after its last newline; returns how many bytes were cut."""
    try:
        handle = out.open("r+b")
    except FileNotFoundError:
        return 0
    with handle:
        size = handle.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - _CHUNK)
            handle.seek(start)
            block = handle.read(end - start)
            newline = block.rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        if end < size:
            handle.truncate(end)
        return size - end


class RecordWriter:
    """Appends records to a JSON Lines file, each line whole and flushed (optionally fsynced).

    ``resume`` keeps what is there (minus a torn tail); otherwise the file starts empty.
    """

    def __init__(self, out: Path, *, resume: bool = True, fsync: bool = False) -> None:
        """Open ``out`` for appending.

        Raises:
            InputError: ``out`` cannot be opened for writing (a folder, no permission).
        """
        self.path = out
        self.fsync = fsync
        try:
            if resume:
                cut_torn_tail(out)
            # buffering=0: write() goes straight to the OS, so a line is never held back.
            self._file = open(out, "ab" if resume else "wb", buffering=0)  # noqa: SIM115
        except OSError as error:
            raise InputError(str(out), f"cannot be written ({error.strerror or error})") from error

    def write(self, record: BatchRecord) -> None:
        """Write one record as one line."""
        line = (record.model_dump_json() + "\n").encode("utf-8")
        view = memoryview(line)
        while view:  # a raw write may take fewer bytes than given; finish the line
            written = self._file.write(view)
            view = view[written or 0 :]
        if self.fsync:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RecordWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
