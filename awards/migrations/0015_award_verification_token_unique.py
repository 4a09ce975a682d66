from django.db import migrations, models

import awards.models


class Migration(migrations.Migration):
    dependencies = [("awards", "0014_award_verification_token_fill")]

    operations = [
        migrations.AlterField(
            model_name="award",
            name="verification_token",
            field=models.CharField(default=awards.models.new_verification_token, editable=False, max_length=43,
                                   unique=True, verbose_name="verification token"),
        ),
    ]
