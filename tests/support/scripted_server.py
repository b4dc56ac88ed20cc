"""A scripted OpenAI-compatible server: stdlib http.server in a thread, on 127.0.0.1.

Each POST to /v1/chat/completions takes the next step of the script: a JSON answer, an HTTP
error (with headers such as Retry-After), a delay longer than the client's timeout, or raw
content (truncated or schema-breaking JSON). When the script runs out, the last step repeats.
Requests are recorded (path, body, time). The server stops at ``close()`` and, whatever
happens, after ``hard_timeout`` seconds.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Step:
    """One scripted response."""

    status: int = 200
    content: str | None = None  # the assistant message's content (JSON mode)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering
    finish_reason: str = "stop"
    prompt_tokens: int = 100
    completion_tokens: int = 20
    body: str | None = None  # a raw body instead of a chat completion


def answer(values: dict[str, Any], **kwargs: Any) -> Step:
    """A step whose content is ``values`` as JSON (what JSON mode expects)."""
    return Step(content=json.dumps(values), **kwargs)


def error(status: int, **kwargs: Any) -> Step:
    body = json.dumps({"error": {"message": f"scripted {status}", "type": "scripted"}})
    return Step(status=status, body=body, **kwargs)


@dataclass
class Recorded:
    path: str
    body: dict[str, Any]
    at: float


class ScriptedServer:
    """Serve ``script`` at ``base_url`` (http://127.0.0.1:<port>/v1)."""

    def __init__(self, script: list[Step], hard_timeout: float = 60.0) -> None:
        self.script = list(script)
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests the server was serving at one moment
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                body = json.loads(raw or b"{}")
                step = server._next(self.path, body)
                try:
                    if step.delay:
                        time.sleep(step.delay)
                finally:
                    server._done()
                payload = (step.body if step.body is not None else _completion(step)).encode()
                try:
                    self.send_response(step.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    for name, value in step.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # the client timed out
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self._timer = threading.Timer(hard_timeout, self.close)
        self._timer.daemon = True
        self._timer.start()

    def _next(self, path: str, body: dict[str, Any]) -> Step:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.requests.append(Recorded(path, body, time.monotonic()))
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    @property
    def calls(self) -> int:
        return len(self.requests)

    def close(self) -> None:
        self._timer.cancel()
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> ScriptedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _completion(step: Step) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": "scripted",
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": step.content},
                    "finish_reason": step.finish_reason,
                }
            ],
            "usage": {
                "prompt_tokens": step.prompt_tokens,
                "completion_tokens": step.completion_tokens,
                "total_tokens": step.prompt_tokens + step.completion_tokens,
            },
        }
    )
