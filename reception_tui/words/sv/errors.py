"""Errors from the domain and the store, by code (sv): `error.<code>`."""

TEXT: dict[str, str] = {}
