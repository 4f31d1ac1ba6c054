"""Shared Streamlit helpers for the pages: session, guards, translation, kiosk styling."""
