import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_commune_province_data")]

    operations = [
        migrations.RemoveField(model_name="commune", name="province"),
        migrations.RemoveField(model_name="historicalcommune", name="province"),
        migrations.RenameField(model_name="commune", old_name="province_ref", new_name="province"),
        migrations.RenameField(model_name="historicalcommune", old_name="province_ref", new_name="province"),
        migrations.AlterField(
            model_name="commune", name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="communes",
                                    to="directory.province", verbose_name="province"),
        ),
    ]
