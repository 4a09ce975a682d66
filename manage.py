#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'xuanson_tdkt.settings')
    # The settings default DEBUG to off, and then require SECRET_KEY. A command typed on a laptop without any server
    # settings (no SECRET_KEY in the environment) is development: it runs with DEBUG=1 instead of refusing to start.
    # A server always has SECRET_KEY set, so its commands keep DEBUG off; gunicorn and Celery never take this path.
    if 'DEBUG' not in os.environ and not os.environ.get('SECRET_KEY'):
        os.environ['DEBUG'] = '1'
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == '__main__':
    main()
