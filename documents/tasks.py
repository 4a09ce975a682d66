"""Thin Celery task of the documents: the nightly clean-up of rendered files (beat's schedule: migrations/0005)."""

from celery import shared_task
from django.conf import settings

from . import store


@shared_task(name="documents.remove_unused", ignore_result=False)
def remove_unused() -> dict:
    """Delete the rendered PDFs (and their index entries) nobody downloaded for RENDERED_KEEP_DAYS days."""
    return store.remove_unused(days=settings.RENDERED_KEEP_DAYS)
