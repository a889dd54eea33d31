"""Modal forms the desk opens over its main screen."""
