"""Who may write: the administrator passphrase of the Data page, throttled and logged; sign-in, sign-out, idle end."""
from __future__ import annotations

import math
import os
import secrets
import time

import streamlit as st

from ccm_analytics.data_management import access
from ccm_analytics.store.imports.process import passphrase_matches


def admin_passphrase() -> str | None:
    """The administrator passphrase: `admin_passphrase` in Streamlit secrets, else $CCM_ADMIN_PASSPHRASE."""
    try:
        value = st.secrets.get("admin_passphrase")
    except Exception:  # no secrets file at all: Streamlit raises rather than returning nothing
        value = None
    return str(value) if value else (os.environ.get("CCM_ADMIN_PASSPHRASE") or None)


def client_address() -> str | None:
    """The client's address: the first X-Forwarded-For entry behind a reverse proxy, else the connection's
    (None on localhost, where Streamlit gives none). Spoofable without a proxy: the session key still counts."""
    try:
        forwarded = st.context.headers.get("X-Forwarded-For") or ""
        address = forwarded.split(",")[0].strip() or st.context.ip_address
    except Exception:  # no request context (bare mode): no address
        return None
    # a string or nothing (AppTest gives a stand-in object); a header is the client's text: bounded
    return address[:64] if isinstance(address, str) and address else None


def admin_signed_in(configured: str) -> bool:
    """True while this session is signed in as administrator: draws the passphrase field (or the sign-out
    button), refuses attempts too soon after wrong ones, and ends the session after access.IDLE_SECONDS
    without use."""
    state = st.session_state
    now = time.time()
    if state.get("admin_signed_in"):
        if now - state.get("admin_last_use", 0.0) <= access.IDLE_SECONDS:
            state["admin_last_use"] = now
            st.button("Sign out", key="sign_out", on_click=_sign_out, help="End the administrator session.")
            return True
        state["admin_signed_in"] = False
        access.log_attempt("session ended after a period without use", client_address())
        st.info(f"The administrator session ended after {access.IDLE_SECONDS // 60} minutes without use. "
                "Enter the passphrase again to continue.")
    st.text_input("Administrator passphrase", type="password", key="passphrase", on_change=_try_passphrase,
                  args=(configured,))
    message = state.pop("admin_message", None)
    if message:
        st.error(message)
    else:
        st.caption("Enter the administrator passphrase to import files or undo an import.")
    return False


def _session_token() -> str:
    """A random name for this browser session (the throttle's per-session key)."""
    return st.session_state.setdefault("admin_session", secrets.token_hex(8))


def _try_passphrase(configured: str) -> None:
    """on_change of the passphrase field: one attempt per value typed; the field is emptied at once."""
    state = st.session_state
    given = state.get("passphrase") or ""
    state["passphrase"] = ""  # the passphrase is not kept in the session
    if not given:
        return
    address = client_address()
    keys = access.throttle_keys(_session_token(), address)
    now = time.time()
    wait = access.THROTTLE.wait_seconds(keys, now)
    if wait > 0:
        access.log_attempt("attempt refused: too soon after wrong passphrases", address)
        state["admin_message"] = (f"Too many wrong passphrases: try again in {_seconds(wait)}. "
                                  "This attempt was not checked.")
    elif passphrase_matches(given, configured):
        access.THROTTLE.succeeded(keys)
        access.log_attempt("signed in", address)
        state["admin_signed_in"], state["admin_last_use"] = True, now
    else:
        wait = access.THROTTLE.failed(keys, now)
        access.log_attempt("wrong passphrase", address)
        state["admin_message"] = f"That passphrase is not right. The next attempt is possible in {_seconds(wait)}."


def _sign_out() -> None:
    st.session_state["admin_signed_in"] = False
    access.log_attempt("signed out", client_address())


def _seconds(wait: float) -> str:
    whole = max(1, math.ceil(wait))
    return f"{whole} second{'s' if whole != 1 else ''}"
