"""The exceptions schedlab raises (imported by the C++ half when it loads)."""
from typing import Optional


class SchedlabError(Exception):
    """Base class of every error schedlab raises on purpose."""

    def __init__(self, message: str, file: Optional[str] = None, line: Optional[int] = None,
                 column: Optional[int] = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        return where + self.message


class WorkloadError(SchedlabError, ValueError):
    """A workload (file or dict) that does not follow docs/workload-format.md.

    ``message`` says what is wrong; ``file``, ``line`` and ``column`` say where, for files
    (None for dicts and where unknown)."""


class SpecError(SchedlabError, ValueError):
    """A bad policy spec ("rr:quantum=0"), option or generator spec."""


class PolicyError(SchedlabError, RuntimeError):
    """A policy broke the contract of the policy API: the message names the policy and
    the callback ("policy 'python:MyRR': pick_next(0) returned task 3 (B), which is
    blocked, not ready"), or a policy class lacks a required method."""
