"""Accounts, sessions, CSRF tokens, failed-login throttling and role checks.

* Passwords are hashed with argon2id (``argon2-cffi``); the store keeps only the hash.
* A session is a random token in an HttpOnly, SameSite=Strict cookie; the store keeps only the
  token's SHA-256, with the user, a per-session CSRF token and an expiry time. The same token
  works as ``Authorization: Bearer <token>`` for a notebook reading the JSON API.
* Every write (POST) carries the session's CSRF token (form field ``csrf`` or header
  ``X-CSRF-Token``); the login form uses a double-submit cookie, as no session exists yet.
* Failed logins per user name: after :attr:`Throttle.slow_after` failures each further attempt
  waits (doubling, capped); after :attr:`Throttle.lock_after` the name is locked for a while.
  Each attempt is counted in one store statement *before* its password is checked, so guesses
  sent all at once are counted as surely as guesses sent one after another.
* Passwords: at least :data:`MIN_PASSWORD` characters and a zxcvbn strength score of at least
  :data:`MIN_SCORE` (of 4), judged with the user name as a known word.
* Logging out deletes the session, whether it came as a cookie or a bearer token; every session
  ends at its expiry time (``Settings.session_hours``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from survey.errors import ToolkitError

ROLES = ("lead", "coder", "writer")
SESSION_COOKIE = "voices_session"
LOGIN_COOKIE = "voices_login_csrf"
_NAME_OK = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.")
MIN_PASSWORD = 12
MIN_SCORE = 3  # zxcvbn: 3 "safely unguessable: moderate protection from offline attacks"


class AuthError(ToolkitError):
    """A bad user name, role or password."""


def check_username(name: str) -> str:
    """A user name doubles as the coder label in the store: 1-20 letters, digits, ``_ - .``.

    Raises:
        AuthError: Anything else.
    """
    if not isinstance(name, str) or not 1 <= len(name) <= 20 or not set(name) <= _NAME_OK:
        raise AuthError("user name must be 1-20 letters, digits, '_', '-' or '.' (initials or a "
                        "short handle; it is recorded with every decision)")
    return name


def check_role(role: str) -> str:
    """Raises: AuthError: not lead, coder or writer."""
    if role not in ROLES:
        raise AuthError(f"role must be one of {', '.join(ROLES)}; got {role!r}")
    return role


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


def check_password(password: str, *, user_inputs: tuple[str, ...] = ()) -> str:
    """The password, if long and strong enough (the password itself never goes in a message).

    Raises:
        AuthError: Shorter than :data:`MIN_PASSWORD` characters, or a zxcvbn score below
            :data:`MIN_SCORE` (with zxcvbn's hint).
    """
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise AuthError(f"password must be at least {MIN_PASSWORD} characters")
    from zxcvbn import zxcvbn

    result = zxcvbn(password[:100], user_inputs=list(user_inputs))  # zxcvbn slows on long input
    if result["score"] < MIN_SCORE:
        fb = result.get("feedback") or {}
        hint = " ".join([fb.get("warning") or "", *(fb.get("suggestions") or [])]).strip()
        raise AuthError(f"password is too easy to guess (strength {result['score']} of 4; at "
                        f"least {MIN_SCORE} needed)" + (f": {hint}" if hint else ""))
    return password


def hash_password(password: str, *, user_inputs: tuple[str, ...] = ()) -> str:
    """An argon2id hash of a password that passes :func:`check_password`.

    Raises:
        AuthError: A short or weak password.
    """
    return str(_hasher().hash(check_password(password, user_inputs=user_inputs)))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches (False on any malformed hash)."""
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_hasher().verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    """What the store keeps of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh random token (sessions and CSRF)."""
    return secrets.token_urlsafe(32)


def same(a: str | None, b: str | None) -> bool:
    """Constant-time comparison of two tokens (False when either is missing)."""
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def now() -> datetime:
    """The current UTC time."""
    return datetime.now(UTC)


def iso(t: datetime) -> str:
    """ISO time to the second."""
    return t.isoformat(timespec="seconds")


@dataclass(frozen=True)
class Throttle:
    """Failed-login policy.

    Attributes:
        slow_after: Failures before further attempts are slowed.
        delay_s: First delay; doubles with each further failure.
        max_delay_s: Longest delay.
        lock_after: Failures that lock the user name.
        lock_minutes: How long a lock lasts.
    """

    slow_after: int = 3
    delay_s: float = 0.5
    max_delay_s: float = 8.0
    lock_after: int = 8
    lock_minutes: float = 15.0

    def delay(self, failures: int) -> float:
        """Seconds to wait before answering an attempt after ``failures`` failures."""
        if failures < self.slow_after:
            return 0.0
        return min(self.max_delay_s, self.delay_s * 2 ** (failures - self.slow_after))

    def locked_until(self, failures: int) -> str | None:
        """The lock end to record after this many failures (None: not locked)."""
        if failures < self.lock_after:
            return None
        return iso(now() + timedelta(minutes=self.lock_minutes))


def is_locked(locked_until: str | None) -> bool:
    """Whether a recorded lock is still in force."""
    if not locked_until:
        return False
    try:
        return datetime.fromisoformat(locked_until) > now()
    except ValueError:
        return True


def is_expired(expires_at: str) -> bool:
    """Whether a session's expiry time has passed (an unreadable time counts as expired)."""
    try:
        return datetime.fromisoformat(expires_at) <= now()
    except ValueError:
        return True


# What each role may do; routes name an action, never a role.
PERMISSIONS: dict[str, frozenset[str]] = {
    "read": frozenset(ROLES),
    "code": frozenset({"lead", "coder"}),
    "mark": frozenset(ROLES),
    "quote": frozenset({"lead", "writer"}),
    "lead": frozenset({"lead"}),
}


def allowed(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action`` (a key of :data:`PERMISSIONS`).

    Raises:
        KeyError: An unknown action (a programming error).
    """
    return role in PERMISSIONS[action]


# -- account management (the ``voices users`` commands) -------------------------------------------
def add_user(store: Any, name: str, *, role: str, password: str) -> None:
    """Create or replace an account (its sessions end).

    Raises:
        AuthError: Bad name, role or password.
    """
    store.add_user(check_username(name), role=check_role(role),
                   password_hash=hash_password(password, user_inputs=(name, "voices",
                                                                       "survivor")))


def remove_user(store: Any, name: str) -> None:
    """Delete an account; its decisions stay in the store's history.

    Raises:
        AuthError: No such user.
    """
    if not store.remove_user(name):
        raise AuthError(f"no user {name!r}")
