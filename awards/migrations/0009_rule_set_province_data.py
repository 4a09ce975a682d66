"""A provincial rule set's province name becomes its Province row (created when no commune named it)."""

from django.db import migrations
from django.utils.text import slugify


def forwards(apps, schema_editor):
    RuleSet = apps.get_model("awards", "RuleSet")
    Province = apps.get_model("directory", "Province")
    for rule_set in RuleSet.objects.exclude(province=""):
        name = rule_set.province.strip()
        for prefix in ("thành phố ", "tỉnh ", "Thành phố ", "Tỉnh "):
            if name.startswith(prefix):
                name = name[len(prefix):]
        province = Province.objects.filter(name=name).first()
        if province is None:
            province = Province.objects.create(name=name, slug=slugify(name.replace("đ", "d").replace("Đ", "D")))
        rule_set.province_ref = province
        rule_set.save(update_fields=["province_ref"])


def backwards(apps, schema_editor):
    RuleSet = apps.get_model("awards", "RuleSet")
    for rule_set in RuleSet.objects.select_related("province_ref").exclude(province_ref=None):
        rule_set.province = rule_set.province_ref.name
        rule_set.save(update_fields=["province"])


class Migration(migrations.Migration):
    dependencies = [("awards", "0008_rule_set_province"), ("directory", "0007_commune_province_fk")]

    operations = [migrations.RunPython(forwards, backwards)]
