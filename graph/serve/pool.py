"""A pool of forked worker processes that share a loaded dataset and are killed at a time limit.

``zonekg serve`` loads the dataset (and its cached closure) once, in the
parent. :class:`WorkerPool` then forks a *spawner* — a single-threaded child
that holds the dataset and does nothing but fork workers on request — and
asks it for ``workers`` workers. Every worker shares the loaded dataset
copy-on-write and answers one call at a time over its own socket; nothing is
parsed or loaded again per call. A call takes a free worker (waiting for one
counts against the call's time limit); past the limit its worker is killed
with ``SIGKILL`` and the spawner forks a fresh one, so a pathological call
costs one worker for at most its time limit and never blocks the others.
Forking from the single-threaded spawner, never from the threaded server,
keeps the workers free of locks that another thread happened to hold.

Examples
--------
>>> pool = WorkerPool(lambda state, payload: state * payload, state=6, workers=2)
>>> pool.call(7, timeout=10)
42
>>> pool.call("ab", timeout=10)
'abababababab'
>>> pool.close()
"""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import queue
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from graph.errors import InputError, QueryError, QueryTimeout, ZonekgError

__all__ = ["WorkerPool"]

_LENGTH = struct.Struct("!Q")


@dataclass(frozen=True)
class _Worker:
    pid: int
    sock: socket.socket


def _send(sock: socket.socket, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_LENGTH.pack(len(data)) + data)


def _recv_exact(sock: socket.socket, size: int) -> bytes | None:
    chunks, got = [], 0
    while got < size:
        chunk = sock.recv(min(size - got, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> Any:
    head = _recv_exact(sock, _LENGTH.size)
    if head is None:
        raise EOFError("the other end closed the connection")
    body = _recv_exact(sock, _LENGTH.unpack(head)[0])
    if body is None:
        raise EOFError("the other end closed the connection")
    return pickle.loads(body)


def _work(task: Callable[[Any, Any], Any], state: Any, sock: socket.socket) -> None:
    """A worker's life: answer calls until the pool closes the socket."""
    while True:
        try:
            payload, limit = _recv(sock)
        except (EOFError, OSError):
            return
        # Belt and braces: should the server die without killing us, the alarm ends a runaway call.
        signal.alarm(math.ceil(limit) + 5)
        try:
            reply = ("ok", task(state, payload))
        except ZonekgError as exc:
            reply = ("error", exc)
        except Exception as exc:
            reply = ("error", QueryError(f"the query failed: {exc.__class__.__name__}: {exc}"))
        signal.alarm(0)
        try:
            _send(sock, reply)
        except (OSError, pickle.PicklingError):
            return


def _spawner(task: Callable[[Any, Any], Any], state: Any, control: socket.socket) -> None:
    """The spawner's life: fork a worker for every request on ``control``; pass back its pid and socket."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped by the kernel
    while True:
        try:
            request = control.recv(1)
        except OSError:
            return
        if not request:
            return
        mine, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                control.close()
                theirs.close()
                _work(task, state, mine)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        mine.close()
        socket.send_fds(control, [_LENGTH.pack(pid)], [theirs.fileno()])
        theirs.close()


class WorkerPool:
    """``workers`` forked processes running ``task(state, payload)``; see the module docstring.

    ``task`` and ``state`` are inherited by fork, never pickled; payloads and
    answers are pickled. The pool starts on construction; :meth:`close` (or
    leaving a ``with`` block) kills the workers and the spawner.
    """

    def __init__(self, task: Callable[[Any, Any], Any], *, state: Any, workers: int) -> None:
        if workers < 1:
            raise InputError("the pool needs at least one worker")
        self.size = workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._busy: set[_Worker] = set()
        self._control, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the spawner
            code = 0
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
                self._control.close()
                _spawner(task, state, theirs)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        self._spawner_pid = pid
        for _ in range(workers):
            self._idle.put(self._spawn())

    @property
    def idle(self) -> int:
        """How many workers are waiting for a call."""
        return self._idle.qsize()

    def _spawn(self) -> _Worker:
        with self._lock:
            self._control.sendall(b"w")
            data, fds, _, _ = socket.recv_fds(self._control, _LENGTH.size, 1)
        if len(data) != _LENGTH.size or len(fds) != 1:
            raise QueryError("the worker pool could not start a worker")
        return _Worker(_LENGTH.unpack(data)[0], socket.socket(fileno=fds[0]))

    def _retire(self, worker: _Worker) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.pid, signal.SIGKILL)
        worker.sock.close()

    def call(self, payload: Any, *, timeout: float) -> Any:
        """Run ``task(state, payload)`` in a free worker and return its answer within ``timeout`` seconds.

        Raises
        ------
        QueryTimeout
            If no worker came free, or the answer did not come, within ``timeout``
            (the worker is then killed and replaced).
        ZonekgError
            What the task raised (other exceptions arrive as :class:`QueryError`).
        """
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty as exc:
            raise QueryTimeout(f"every worker stayed busy for the time limit of {timeout:g} s") from exc
        self._busy.add(worker)
        healthy = False
        try:
            worker.sock.settimeout(max(deadline - time.monotonic(), 0.001))
            _send(worker.sock, (payload, timeout))
            status, answer = _recv(worker.sock)
            healthy = True
        except TimeoutError as exc:
            raise QueryTimeout(f"the query was stopped after its time limit of {timeout:g} s") from exc
        except (EOFError, OSError) as exc:
            raise QueryError(f"the query worker ended without an answer: {exc}") from exc
        finally:
            self._busy.discard(worker)
            if healthy:
                self._idle.put(worker)
            else:
                self._retire(worker)
                if not self._closed:
                    self._idle.put(self._spawn())
        if status == "error":
            raise answer
        return answer

    def close(self) -> None:
        """Kill every worker and the spawner."""
        if self._closed:
            return
        self._closed = True
        for worker in list(self._busy):
            self._retire(worker)
        while True:
            try:
                self._retire(self._idle.get_nowait())
            except queue.Empty:
                break
        self._control.close()
        try:
            os.kill(self._spawner_pid, signal.SIGKILL)
            os.waitpid(self._spawner_pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
