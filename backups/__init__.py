"""Backups that restore: `manage.py backup`, `manage.py restore ARCHIVE` and the nightly task (see services.py)."""
