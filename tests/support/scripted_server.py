"""A scripted OpenAI-compatible server: stdlib http.server in a thread, on 127.0.0.1.

Each POST to /v1/chat/completions takes the next step of the script: a JSON answer, an HTTP
error (with headers such as Retry-After), a delay longer than the client's timeout, or raw
content (truncated or schema-breaking JSON). When the script runs out, the last step repeats.
Requests are recorded (path, body, time). The server stops at ``close()`` and, whatever
happens, after ``hard_timeout`` seconds.

With ``faults=Faults(...)`` there is no script: a seeded share of calls fails at random (429
with Retry-After, 500/502/503, a delay past the client's timeout, truncated JSON, JSON that
breaks the schema, a body that is not JSON) and the rest get a valid answer made from the
request. ``failures`` counts the faults by kind, ``answered`` the valid answers.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from extractor.options import ExtractOptions

MODEL = "scripted-model"  # the name the tests' options give the served model


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


# Fault kinds: transient ones (retried by tenacity) and garbage (re-asked by instructor).
TRANSIENT_FAULTS = ("429", "500", "502", "503", "timeout")
GARBAGE_FAULTS = ("truncated", "schema", "not_json")
FAULT_KINDS = TRANSIENT_FAULTS + GARBAGE_FAULTS

_FIELDS_ASKED = re.compile(r"^- (\w+):", re.MULTILINE)
# Values each field may be answered with: grounding keeps them where the text bears them
# out and drops them elsewhere, so both paths run.
GUESSES: dict[str, Any] = {
    "department": "Engineering",
    "workplace_type": "remote",
    "employment_type": ["FULL_TIME"],
    "seniority": "senior",
    "education": "bachelor",
    "skills": ["Python", "SQL"],
    "visa_sponsorship": True,
}


def asked_fields(body: dict[str, Any]) -> list[str]:
    """The fields the request asks for: the prompt's "Fields to fill" list."""
    user = next(
        (str(m.get("content")) for m in body.get("messages", ()) if m.get("role") == "user"), ""
    )
    listed = user.split("Already known", 1)[0]
    return _FIELDS_ASKED.findall(listed)


def guess_answer(body: dict[str, Any]) -> dict[str, Any]:
    """A valid answer for the fields asked: the guesses GUESSES has for them (the other
    fields left out, which the request model reads as null or [])."""
    return {name: GUESSES[name] for name in asked_fields(body) if name in GUESSES}


@dataclass(frozen=True)
class Faults:
    """Random faults: ``rate`` of the calls fail, each with a kind drawn from ``kinds``
    (seeded: the same sequence of draws for the same seed)."""

    rate: float = 0.30
    seed: int = 0
    kinds: tuple[str, ...] = FAULT_KINDS
    retry_after: str = "0"  # the 429s' Retry-After header (seconds)
    timeout_delay: float = 2.0  # a "timeout" answers this late: set it past the client's
    latency: float = 0.0  # added to every call, faulty or not
    answer: Callable[[dict[str, Any]], dict[str, Any]] = guess_answer

    def step(self, kind: str | None, body: dict[str, Any]) -> Step:
        """The response for one call: a valid answer (``kind`` None) or the fault."""
        values = self.answer(body)
        delay = self.latency
        if kind is None:
            return answer(values, delay=delay)
        if kind == "429":
            return error(429, headers={"Retry-After": self.retry_after}, delay=delay)
        if kind in ("500", "502", "503"):
            return error(int(kind), delay=delay)
        if kind == "timeout":
            return answer(values, delay=delay + self.timeout_delay)
        if kind == "truncated":
            text = json.dumps(values)
            return Step(content=text[: max(len(text) // 2, 1)], delay=delay)
        if kind == "schema":  # every field asked gets a value of the wrong type
            broken = {name: {"broken": [1, 2]} for name in asked_fields(body) or ["salary"]}
            return answer(broken, delay=delay)
        if kind == "not_json":  # a proxy's error page, sent as 200 application/json
            return Step(body="<html><body>Bad Gateway</body></html>", delay=delay)
        raise ValueError(f"unknown fault kind {kind!r}")


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when many clients call at once; the
    # client would then time out on calls the server never saw.
    request_queue_size = 256


class ScriptedServer:
    """Serve ``script`` at ``base_url`` (http://127.0.0.1:<port>/v1)."""

    def __init__(
        self,
        script: Sequence[Step] = (),
        hard_timeout: float = 60.0,
        *,
        faults: Faults | None = None,
    ) -> None:
        if not script and faults is None:
            raise ValueError("a ScriptedServer needs a script or faults")
        self.script = list(script)
        self.faults = faults
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests the server was serving at one moment
        self.failures: Counter[str] = Counter()  # fault mode: faults served, by kind
        self.answered = 0  # fault mode: valid answers served
        self._rng = random.Random(faults.seed if faults else 0)
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

        self._httpd = _Server(("127.0.0.1", 0), Handler)
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
            if self.faults is None:
                return self.script.pop(0) if len(self.script) > 1 else self.script[0]
            kind = None
            if self._rng.random() < self.faults.rate:
                kind = self._rng.choice(self.faults.kinds)
                self.failures[kind] += 1
            else:
                self.answered += 1
        return self.faults.step(kind, body)

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    @property
    def calls(self) -> int:
        return len(self.requests)

    def options(self, cache_dir: Path, **changes: Any) -> ExtractOptions:
        """Extraction options that call this server (hybrid, a short timeout), with
        ``changes`` on top."""
        settings: dict[str, Any] = {
            "llm": MODEL,
            "base_url": self.base_url,
            "strategy": "hybrid",
            "cache_dir": cache_dir,
            "timeout": 5.0,
        }
        settings.update(changes)
        return ExtractOptions(**settings)

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
