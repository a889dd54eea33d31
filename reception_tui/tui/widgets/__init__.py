"""Widgets of the desk that Textual does not ship."""
