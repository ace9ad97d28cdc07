"""A network between a clerk's laptop and the team's server, for the benchmark: a TCP
port on this machine that forwards to the server's Unix socket, each message held for
half a round trip on its way in and on its way out, and every message the client sends
counted (each is a round trip it waits for: the app's driver does not pipeline).

Not a model of a real network's bandwidth or loss; a model of its latency, which is
what a book's many small reads and writes feel.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from pathlib import Path

_CHUNK = 65536


class LatencyProxy:
    """``port`` on 127.0.0.1 reaches the server at ``unix_socket`` with ``round_trip_ms``
    added to each exchange; ``sent`` counts the client's messages since ``reset``."""

    def __init__(self, unix_socket: Path, round_trip_ms: float) -> None:
        self.target = str(unix_socket)
        self.half = round_trip_ms / 2000
        self.sent = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open: list[socket.socket] = []
        self._stopping = False
        threading.Thread(target=self._accept, daemon=True).start()

    def reset(self) -> None:
        with self._lock:
            self.sent = 0

    def _accept(self) -> None:
        while not self._stopping:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.connect(self.target)
            self._open += [client, server]
            for source, target, counted in ((client, server, True), (server, client, False)):
                held: queue.Queue[tuple[float, bytes]] = queue.Queue()
                threading.Thread(target=self._read, args=(source, held, counted),
                                 daemon=True).start()
                threading.Thread(target=self._deliver, args=(held, target),
                                 daemon=True).start()

    def _read(self, source: socket.socket, held: queue.Queue[tuple[float, bytes]],
              counted: bool) -> None:
        """Each message as it arrives, stamped with when it may go on: half a round trip
        later (several in flight at once each wait their own half, as on a network)."""
        with contextlib.suppress(OSError):
            while data := source.recv(_CHUNK):
                if counted:
                    with self._lock:
                        self.sent += 1
                held.put((time.perf_counter() + self.half, data))
        held.put((0.0, b""))

    def _deliver(self, held: queue.Queue[tuple[float, bytes]], target: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while True:
                due, data = held.get()
                if not data:
                    target.shutdown(socket.SHUT_WR)
                    return
                if (wait := due - time.perf_counter()) > 0:
                    time.sleep(wait)
                target.sendall(data)

    def close(self) -> None:
        self._stopping = True
        self._listener.close()
        for end in self._open:
            with contextlib.suppress(OSError):
                end.close()
