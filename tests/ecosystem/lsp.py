"""A minimal Language Server Protocol client over stdio, enough to drive yaml-language-server."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[2]
LOCAL_SERVER = ROOT / ".ci" / "node" / "node_modules" / ".bin" / "yaml-language-server"
WAIT_SECONDS = 20.0

Message = dict[str, Any]


def find_server() -> tuple[list[str] | None, str]:
    """The command that starts yaml-language-server, or None with the reason it is missing."""
    if shutil.which("node") is None:
        return None, "Node.js ontbreekt (nodig voor yaml-language-server)"
    if LOCAL_SERVER.exists():
        return [str(LOCAL_SERVER), "--stdio"], ""
    found = shutil.which("yaml-language-server")
    if found:
        return [found, "--stdio"], ""
    return None, ("yaml-language-server ontbreekt: npm install --no-save --prefix .ci/node "
                  "yaml-language-server@1")


def _read_message(stream: IO[bytes]) -> Message | None:
    """One framed JSON-RPC message (Content-Length header, blank line, body), or None at EOF."""
    length = 0
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value.strip())
    body = stream.read(length)
    if len(body) < length:
        return None
    message: Message = json.loads(body.decode("utf-8"))
    return message


class LanguageClient:
    """Starts the server, answers its requests with our settings, and waits with a bound."""

    def __init__(self, command: list[str], settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env={**os.environ, "NODE_NO_WARNINGS": "1"})
        self.inbox: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self._next_id = 0
        self._lock = threading.Lock()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        while (message := _read_message(self.process.stdout)) is not None:
            self.inbox.put(message)
        self.inbox.put(None)

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = WAIT_SECONDS) -> Any:
        """Send a request and return its result, handling whatever arrives in between."""
        self._next_id += 1
        request_id = self._next_id
        self.send({"id": request_id, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result")

    def wait_for(self, match: Callable[[Message], bool], timeout: float = WAIT_SECONDS) -> Message:
        """The first message (or earlier notification) that matches, within timeout seconds."""
        for seen in self.notifications:
            if match(seen):
                self.notifications.remove(seen)
                return seen
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = self.inbox.get(timeout=left)
            except queue.Empty:
                break
            if message is None:
                raise RuntimeError("yaml-language-server stopte onverwacht")
            if "method" in message and "id" in message:
                self._answer(message)
            elif match(message):
                return message
            elif "method" in message:
                self.notifications.append(message)
        raise TimeoutError(f"geen passend bericht binnen {timeout} seconden")

    def _answer(self, message: Message) -> None:
        """Reply to the server's own requests: configuration, registrations, progress."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            items = message["params"].get("items", [])
            result = [self.settings.get(item.get("section", ""), None) for item in items]
        self.send({"id": message["id"], "result": result})

    def diagnostics(self, uri: str, timeout: float = WAIT_SECONDS) -> list[Message]:
        """The next diagnostics the server publishes for uri."""
        message = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == uri, timeout)
        diagnostics: list[Message] = message["params"]["diagnostics"]
        return diagnostics

    def close(self) -> None:
        """Ask the server to stop, then make sure it has."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=3)
                self.notify("exit", None)
                self.process.wait(timeout=3)
        except (RuntimeError, TimeoutError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=5)
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()


def start(command: list[str], workspace: Path, settings: dict[str, Any]) -> LanguageClient:
    """A server initialised for workspace, with settings sent as configuration."""
    client = LanguageClient(command, settings)
    try:
        client.request("initialize", {
            "processId": os.getpid(),
            "rootUri": workspace.as_uri(),
            "workspaceFolders": [{"uri": workspace.as_uri(), "name": workspace.name}],
            "capabilities": {
                "workspace": {"configuration": True,
                              "didChangeConfiguration": {"dynamicRegistration": False}},
                "textDocument": {
                    "completion": {"completionItem": {"snippetSupport": False,
                                                      "documentationFormat": ["plaintext"]}},
                    "hover": {"contentFormat": ["plaintext", "markdown"]},
                    "publishDiagnostics": {"relatedInformation": False},
                },
            },
        })
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": settings})
    except BaseException:
        client.close()
        raise
    return client
