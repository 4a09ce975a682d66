"""A verification key for every award decided before keys existed, one random key each (SQLite and PostgreSQL)."""

import secrets

from django.db import migrations


def fill_tokens(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    # The ids first: SQLite gives no isolation between a running read and writes on the same connection.
    for pk in list(Award.objects.filter(verification_token__isnull=True).values_list("pk", flat=True)):
        Award.objects.filter(pk=pk).update(verification_token=secrets.token_urlsafe(18))


class Migration(migrations.Migration):
    dependencies = [("awards", "0013_award_verification_token")]

    operations = [migrations.RunPython(fill_tokens, migrations.RunPython.noop)]
