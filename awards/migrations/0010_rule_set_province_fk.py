from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("awards", "0009_rule_set_province_data")]

    operations = [
        migrations.RemoveField(model_name="ruleset", name="province"),
        migrations.RemoveField(model_name="historicalruleset", name="province"),
        migrations.RenameField(model_name="ruleset", old_name="province_ref", new_name="province"),
        migrations.RenameField(model_name="historicalruleset", old_name="province_ref", new_name="province"),
    ]
