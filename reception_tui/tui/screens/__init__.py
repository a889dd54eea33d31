"""Modal screens that show one record in full."""
