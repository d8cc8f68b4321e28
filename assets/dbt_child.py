"""`refusal-backlog-dbt`: dbt's own command line, bound to the run that started it.

dagster-dbt runs dbt as a child process. Killed with `kill -9`, a run cannot stop its child,
which would go on writing to the warehouse for seconds while a recovery run starts; on Linux
the parent-death signal ends dbt with its parent instead.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def bind_to_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def main() -> None:
    bind_to_parent()
    from dbt.cli.main import cli

    cli()


if __name__ == "__main__":
    main()
