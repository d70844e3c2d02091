"""Kernel start-up used whenever the lessons are executed by the project's tools.

Loaded through IPYTHONDIR=tests/ipython (set by conftest.py for pytest and by
tools/execute_notebooks.py for 'make refresh'), never in a learner's own
JupyterLab. It makes two promises checkable:

* warnings: FutureWarning and DeprecationWarning raised by lesson code are
  errors, so a lesson cannot lean on an API that is about to change;
* offline: any attempt to open a network connection to a host other than this
  machine raises NetworkBlockedError, so no lesson can download at run time.

Everything is defined inside a function so that the lesson's namespace stays
exactly what the learner's would be.
"""


def _install_course_guard():
    import ipaddress
    import socket
    import warnings

    warnings.simplefilter("error", FutureWarning)
    warnings.simplefilter("error", DeprecationWarning)
    # Named third-party filter, with its reason: the kernel's own machinery
    # (jupyter_client, ipykernel, zmq, tornado) may warn about its internals
    # while it runs cells; that is not lesson code and must not fail a lesson.
    warnings.filterwarnings(
        "default", category=DeprecationWarning, module=r"(jupyter_client|ipykernel|zmq|tornado)(\.|$)"
    )

    class NetworkBlockedError(OSError):
        """Raised when lesson code tries to reach another machine."""

    def is_local(address) -> bool:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, bytes):
            host = host.decode()
        if not isinstance(host, str) or host in ("localhost", ""):
            return True
        try:
            return ipaddress.ip_address(host.split("%")[0]).is_loopback
        except ValueError:  # a host name: only 'localhost' is allowed
            return False

    def guard(method):
        def guarded(self, address):
            if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address):
                raise NetworkBlockedError(f"lessons run offline: connection to {address!r} blocked")
            return method(self, address)

        return guarded

    socket.socket.connect = guard(socket.socket.connect)
    socket.socket.connect_ex = guard(socket.socket.connect_ex)


_install_course_guard()
del _install_course_guard
