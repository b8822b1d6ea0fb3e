"""Who may write: the administrator passphrase of the Data page."""
from __future__ import annotations

import os

import streamlit as st


def admin_passphrase() -> str | None:
    """The administrator passphrase: `admin_passphrase` in Streamlit secrets, else $CCM_ADMIN_PASSPHRASE."""
    try:
        value = st.secrets.get("admin_passphrase")
    except Exception:  # no secrets file at all: Streamlit raises rather than returning nothing
        value = None
    return str(value) if value else (os.environ.get("CCM_ADMIN_PASSPHRASE") or None)
