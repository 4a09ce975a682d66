"""Awards get the key of their public verification page (the certificate's QR code). Added empty here, filled for the
awards already decided in 0014, then made unique and required in 0015: three steps, because one default computed
once would give every existing award the same key, and PostgreSQL runs each migration in its own transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("awards", "0012_cstdcs_excellence_under_152_2025")]

    operations = [
        migrations.AddField(
            model_name="award",
            name="verification_token",
            field=models.CharField(editable=False, max_length=43, null=True, verbose_name="verification token"),
        ),
    ]
