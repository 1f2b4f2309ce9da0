"""What `serve --db` accepts and refuses, as separate processes see it: a file or directory the user
cannot write (run as an unprivileged user, since root ignores file modes), another program's SQLite
file (left byte for byte), a newer schema version, a file from before files were marked (adopted), and
a second process on a file another one serves."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from conftest import DEFAULT_SEED, LISTEN_PREFIX, mock_binary

NOBODY = 65534
SETPRIV = shutil.which("setpriv")
APPLICATION_ID = 0x53434D4B


@pytest.fixture
def place() -> Iterator[Path]:
    """A directory under /tmp that an unprivileged user can reach (pytest's tmp_path is root's alone)."""
    directory = Path(tempfile.mkdtemp(prefix="scim-mock-storage-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def serve_once(db: Path, *, as_nobody: bool = False, seeded: bool = False) -> tuple[int, str]:
    """Runs `serve --db DB` (`--no-seed` unless `seeded`): a refusal exits at once, a start is stopped as soon
    as it says it is listening. Returns the exit status and stderr."""
    prefix = [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_nobody else []
    seed = [] if seeded else ["--no-seed"]
    process = subprocess.Popen([*prefix, mock_binary(), "serve", "--port", "0", *seed, "--db", str(db)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(DEFAULT_SEED.parents[1]))
    if process.stdout.readline().startswith(LISTEN_PREFIX):
        process.terminate()
    process.wait(timeout=10)
    stderr = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    return process.returncode, stderr


def make_ours(db: Path) -> None:
    """A database scim-mock made and filled with the default fixture; a later start loads no fixture into it."""
    code, stderr = serve_once(db, seeded=True)
    assert code == 0, stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expect_refusal(code: int, stderr: str, db: Path, reason: str) -> None:
    assert code == 1, stderr
    lines = [line for line in stderr.splitlines() if line]
    assert len(lines) == 1, stderr
    assert str(db) in lines[0] and re.search(reason, lines[0]), lines[0]


needs_setpriv = pytest.mark.skipif(SETPRIV is None, reason="setpriv (util-linux) is needed to run as an unprivileged user")


@needs_setpriv
def test_a_db_file_the_user_cannot_write_is_refused_at_start(place: Path):
    place.chmod(0o777)
    db = place / "state.db"
    make_ours(db)
    db.chmod(0o644)
    code, stderr = serve_once(db, as_nobody=True)
    expect_refusal(code, stderr, db, r"not writable by this process \(uid 65534\)")


@needs_setpriv
def test_a_directory_the_user_cannot_write_is_refused_at_start(place: Path):
    db = place / "state.db"
    make_ours(db)
    db.chmod(0o666)
    code, stderr = serve_once(db, as_nobody=True)
    expect_refusal(code, stderr, db, r"the directory .* is not writable .*-wal and -shm")


@needs_setpriv
def test_the_unprivileged_user_is_served_where_it_may_write(place: Path):
    place.chmod(0o777)
    code, stderr = serve_once(place / "state.db", as_nobody=True)
    assert code == 0, stderr


@pytest.mark.parametrize("schema", [
    "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');",
    "CREATE TABLE accounts (id TEXT); INSERT INTO accounts VALUES ('theirs');",
], ids=["unrelated", "with-an-accounts-table"])
def test_another_programs_sqlite_file_is_refused_and_left_byte_for_byte(place: Path, schema: str):
    db = place / "theirs.db"
    with sqlite3.connect(db) as connection:
        connection.executescript(schema)
    before = digest(db)
    code, stderr = serve_once(db)
    expect_refusal(code, stderr, db, "scim-mock did not make")
    assert digest(db) == before
    assert sorted(path.name for path in place.iterdir()) == ["theirs.db"]


def test_another_applications_id_is_refused_naming_it(place: Path):
    db = place / "theirs.db"
    with sqlite3.connect(db) as connection:
        connection.executescript("PRAGMA application_id = 1234; CREATE TABLE t (x);")
    code, stderr = serve_once(db)
    expect_refusal(code, stderr, db, r"application_id 0x4D2, scim-mock's is 0x53434D4B")


def test_a_newer_schema_version_is_refused_naming_both_versions(place: Path):
    db = place / "state.db"
    make_ours(db)
    with sqlite3.connect(db) as connection:
        known = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(f"PRAGMA user_version = {known + 1}")
    code, stderr = serve_once(db)
    expect_refusal(code, stderr, db, rf"schema version is {known + 1}, newer than this build's {known}")


def test_a_file_from_before_files_were_marked_is_adopted(place: Path):
    db = place / "state.db"
    make_ours(db)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA application_id = 0")
    code, stderr = serve_once(db)
    assert code == 0, stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_second_process_on_the_same_db_refuses_naming_the_file_and_the_first_pid(place: Path, start_mock):
    db = place / "state.db"
    first = start_mock(["--db", str(db)])
    code, stderr = serve_once(db)
    expect_refusal(code, stderr, db, rf"in use by another process \(pid {first.process.pid}\).*{re.escape(str(db))}\.lock")
    with urllib.request.urlopen(first.url + "/__admin/health", timeout=5) as answer:
        assert answer.status == 200
    first.stop()
    make_ours(db)
