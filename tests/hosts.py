"""Separate hosts on one machine for the scale-out tests: network namespaces where allowed.

As root (CI, this project's machines) each host is a network namespace with its own hostname (a
UTS namespace), joined to a bridge by a veth link: it reaches the test's site, receiver and
PostgreSQL (through a ``socat`` relay on the bridge) only over that link, and it cannot see the
other hosts' processes as its own, so a dead host's work is taken over only when its lease runs
out, as on separate machines. Unprivileged, the hosts are plain processes on 127.0.0.1 (what
the issue accepts where the machine does not allow namespaces); :attr:`Hosts.isolated` says which.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.engine import make_url


@dataclass
class Hosts:
    """Where services bind (``address``) and how to start a command on host ``n`` (``prefix``)."""

    address: str
    prefixes: list[list[str]]
    isolated: bool
    relays: dict[int, int] = field(default_factory=dict)
    """Port on :attr:`address` for each port of 127.0.0.1 a host must reach (PostgreSQL)."""

    def prefix(self, n: int) -> list[str]:
        return self.prefixes[n]

    def database_url(self, url: str) -> str:
        """``url`` (a PostgreSQL server on 127.0.0.1) as the hosts reach it."""
        parsed = make_url(url)
        if not self.isolated:
            return url
        port = self.relays[parsed.port or 5432]
        return parsed.set(host=self.address, port=port).render_as_string(hide_password=False)


def _run(*command: str) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.strip()}")


def namespaces_allowed() -> bool:
    """Root with ``ip``, ``unshare`` and ``socat`` on the PATH, allowed to make namespaces (a
    container may withhold that even from root)."""
    tools = ("ip", "unshare", "socat")
    if os.geteuid() != 0 or not all(shutil.which(tool) for tool in tools):
        return False
    return (
        subprocess.run(["unshare", "--net", "--uts", "true"], capture_output=True).returncode == 0
    )


@contextmanager
def separate_hosts(count: int, relay_ports: Sequence[int] = ()) -> Iterator[Hosts]:
    """``count`` hosts: namespaces when :func:`namespaces_allowed`, else plain processes."""
    if not namespaces_allowed():
        yield Hosts("127.0.0.1", [[] for _ in range(count)], isolated=False)
        return
    tag = f"{os.getpid() % 100000}"
    subnet = f"10.{200 + os.getpid() % 50}.{os.getpid() % 250}"
    bridge, address = f"swbr{tag}", f"{subnet}.1"
    made: list[tuple[str, ...]] = []  # how to undo each step, last first
    relays: list[subprocess.Popen[bytes]] = []
    try:
        _run("ip", "link", "add", bridge, "type", "bridge")
        made.append(("ip", "link", "del", bridge))
        _run("ip", "addr", "add", f"{address}/24", "dev", bridge)
        _run("ip", "link", "set", bridge, "up")
        prefixes = []
        for n in range(count):
            namespace, outside, inside = f"sw{tag}h{n}", f"sw{tag}v{n}", f"sw{tag}i{n}"
            _run("ip", "netns", "add", namespace)
            made.append(("ip", "netns", "del", namespace))
            _run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside)
            made.append(("ip", "link", "del", outside))
            _run("ip", "link", "set", inside, "netns", namespace)
            _run("ip", "link", "set", outside, "master", bridge, "up")
            inns = ("ip", "netns", "exec", namespace)
            _run(*inns, "ip", "addr", "add", f"{subnet}.{10 + n}/24", "dev", inside)
            _run(*inns, "ip", "link", "set", inside, "up")
            _run(*inns, "ip", "link", "set", "lo", "up")
            hostname = f"host{n}"
            # a hostname of its own (UTS namespace), then exec: the pid is the program's
            script = 'hostname "$0" && exec "$@"'
            prefixes.append([*inns, "unshare", "--uts", "sh", "-c", script, hostname])
        ports = {}
        for port in relay_ports:
            with socket.socket() as probe:
                probe.bind((address, 0))
                ports[port] = probe.getsockname()[1]
            listen = f"TCP-LISTEN:{ports[port]},bind={address},fork,reuseaddr"
            relays.append(subprocess.Popen(["socat", listen, f"TCP:127.0.0.1:{port}"]))
        for port in ports.values():
            _wait_listening(address, port)
        yield Hosts(address, prefixes, isolated=True, relays=ports)
    finally:
        for relay in relays:
            relay.terminate()
            relay.wait(10)
        for undo in reversed(made):
            subprocess.run(undo, capture_output=True)


def _wait_listening(address: str, port: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection((address, port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
