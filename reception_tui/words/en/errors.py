"""Errors from the domain and the store, by code (en): `error.<code>`."""

TEXT: dict[str, str] = {}
