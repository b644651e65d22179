"""The locks against pyproject.toml, against each other, and against what is installed.

The ranges in pyproject.toml are what a library user may have; the lock is what we test and
what the README's test command and .ci/run install, exact and hashed: requirements/lock.txt
(with the extra `test`), and requirements/lock-runtime.txt, the same versions without the test
tools, for the README's quick start. `.ci/lock` makes both.

    python tests/ecosystem/lockfile.py controleer   # the lock still fits pyproject.toml
    python tests/ecosystem/lockfile.py verschoven   # what this venv has that the lock does not

Both exit 1 with a Dutch line per problem on stderr, 0 when there is none.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements" / "lock.txt"
RUNTIME_LOCK = ROOT / "requirements" / "lock-runtime.txt"
REFRESH = ".ci/lock"
EXTRAS = ("test",)  # the extras the lock holds: what the README's test command installs
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?\s*$")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\b")
_VIA = re.compile(r"^#\s*(?:via\s+)?")  # uv: "# via x", or "# via" and then "#   x" per line
_DIRECT = "rechtmakers (pyproject.toml)"


@dataclass(frozen=True)
class Pin:
    """One line of the lock: a package at an exact version, for the platforms its marker names."""

    name: str
    version: Version
    marker: str | None
    hashes: int
    direct: bool  # the lock says pyproject.toml asked for it


def read_lock(text: str) -> list[Pin]:
    """The pins of a lock made by `uv pip compile --generate-hashes`, in file order."""
    pins: list[Pin] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        match = _PIN.match(line)
        if match is None:
            continue
        block = []
        for follow in lines[index + 1:]:
            if _PIN.match(follow):
                break
            block.append(follow)
        name, version, marker = match.groups()
        pins.append(Pin(canonicalize_name(name), Version(version), marker,
                        sum(len(_HASH.findall(b)) for b in block),
                        any(_VIA.sub("", b.strip()) == _DIRECT for b in block)))
    return pins


def declared(pyproject: dict[str, object], extras: tuple[str, ...] = EXTRAS) -> list[Requirement]:
    """What pyproject.toml asks for: the build backend, the dependencies and extras."""
    project = pyproject["project"]
    build = pyproject["build-system"]
    assert isinstance(project, dict) and isinstance(build, dict)
    texts = [*build["requires"], *project["dependencies"]]
    for extra in extras:
        texts += project["optional-dependencies"][extra]
    return [Requirement(text) for text in texts]


def lock_problems(pyproject_text: str, lock_text: str,
                  extras: tuple[str, ...] = EXTRAS) -> list[str]:
    """Every way the lock no longer satisfies pyproject.toml, one Dutch sentence each."""
    try:
        requirements = declared(tomllib.loads(pyproject_text), extras)
    except (tomllib.TOMLDecodeError, KeyError, InvalidRequirement) as exc:
        return [f"pyproject.toml is niet te lezen: {exc}"]
    try:
        pins = read_lock(lock_text)
    except InvalidVersion as exc:
        return [f"de lock heeft een ongeldige versie: {exc}"]
    if not pins:
        return ["de lock noemt geen enkel pakket"]
    problems = []
    if REFRESH not in "\n".join(lock_text.splitlines()[:3]):
        problems.append(f"de kop van de lock noemt niet de opdracht die hem maakt ({REFRESH})")
    by_name: dict[str, list[Pin]] = {}
    for pin in pins:
        by_name.setdefault(pin.name, []).append(pin)
        if pin.hashes == 0:
            problems.append(f"{pin.name}=={pin.version} staat zonder hash in de lock")
    wanted = {canonicalize_name(r.name) for r in requirements}
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        found = by_name.get(name, [])
        if not found:
            problems.append(f"{requirement} staat in pyproject.toml maar niet in de lock")
        for pin in found:
            if not requirement.specifier.contains(pin.version, prereleases=True):
                problems.append(f"de lock heeft {pin.name}=={pin.version}, pyproject.toml "
                                f"vraagt {requirement}")
    for pin in pins:
        if pin.direct and pin.name not in wanted:
            problems.append(f"de lock heeft {pin.name}=={pin.version} voor pyproject.toml, "
                            "dat er niet meer om vraagt")
    return problems


def runtime_problems(lock_text: str, runtime_text: str) -> list[str]:
    """Where the quick start's lock differs from what the tests install: each of its pins must
    be in the test lock at the same version."""
    tested = {(pin.name, pin.version) for pin in read_lock(lock_text)}
    return [f"lock-runtime.txt heeft {pin.name}=={pin.version}, dat niet zo in lock.txt staat"
            for pin in read_lock(runtime_text) if (pin.name, pin.version) not in tested]


def all_problems() -> list[str]:
    """The problems of both locks in this repository."""
    pyproject = PYPROJECT.read_text(encoding="utf-8")
    lock = LOCK.read_text(encoding="utf-8")
    runtime = RUNTIME_LOCK.read_text(encoding="utf-8")
    return [*lock_problems(pyproject, lock),
            *(f"lock-runtime.txt: {p}" for p in lock_problems(pyproject, runtime, extras=())),
            *runtime_problems(lock, runtime)]


def moved(pins: list[Pin], installed: dict[str, Version]) -> list[str]:
    """Each locked package whose installed version differs from the lock: 'naam 1.0 → 1.1'."""
    lines = []
    for pin in pins:
        have = installed.get(pin.name)
        if have is not None and have != pin.version:
            lines.append(f"{pin.name} {pin.version} → {have}")
    locked = {pin.name for pin in pins}
    lines += [f"{name} (niet in de lock) {version}" for name, version in sorted(installed.items())
              if name not in locked and name not in ("pip", "rechtmakers")]
    return lines


def installed_versions() -> dict[str, Version]:
    """Every distribution in this Python's environment, by canonical name."""
    return {canonicalize_name(d.metadata["Name"]): Version(d.version)
            for d in metadata.distributions()}


def main(argv: list[str]) -> int:
    if argv == ["controleer"]:
        problems = all_problems()
        for problem in problems:
            print(f"fout: {problem}", file=sys.stderr)
        if problems:
            print("fout: de lock in requirements/ past niet meer bij pyproject.toml; "
                  f"maak hem opnieuw met: {REFRESH}", file=sys.stderr)
        return 1 if problems else 0
    if argv == ["verschoven"]:
        lines = moved(read_lock(LOCK.read_text(encoding="utf-8")), installed_versions())
        print("\n".join(lines) if lines else "niets verschoven: alles zoals in de lock")
        return 0
    print("gebruik: python tests/ecosystem/lockfile.py controleer|verschoven", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
