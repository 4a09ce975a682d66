"""Under NĐ 152/2025 a CSTĐCS needs an initiative recognised at base level OR "hoàn thành xuất sắc nhiệm vụ" with its
evidence: the national rule set of that decree (as the catalogue ships it) says so. Province copies are theirs to
change and are left as they are; NĐ 91/2017's CSTĐCS keeps requiring the initiative."""

from django.db import migrations


def forwards(apps, schema_editor):
    Title = apps.get_model("awards", "Title")
    Title.objects.filter(
        rule_set__province__isnull=True, rule_set__name__contains="152/2025", code="cstdcs",
    ).update(requires_initiative=True, excellence_may_replace_initiative=True)


def backwards(apps, schema_editor):
    Title = apps.get_model("awards", "Title")
    Title.objects.filter(
        rule_set__province__isnull=True, rule_set__name__contains="152/2025", code="cstdcs",
    ).update(requires_initiative=False, excellence_may_replace_initiative=False)


class Migration(migrations.Migration):
    dependencies = [("awards", "0011_title_excellence_may_replace_initiative")]

    operations = [migrations.RunPython(forwards, backwards)]
