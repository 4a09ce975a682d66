"""Turn each commune's province name into a Province row (one per distinct name)."""

from django.db import migrations
from django.utils.text import slugify

# The centrally-run cities (thành phố trực thuộc trung ương) after the 2025 merger; every other name is a province.
CITIES = {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"}


def forwards(apps, schema_editor):
    Commune = apps.get_model("directory", "Commune")
    Province = apps.get_model("directory", "Province")
    for commune in Commune.objects.all():
        raw = (commune.province or "").strip()
        name = raw
        for prefix in ("thành phố ", "tỉnh ", "Thành phố ", "Tỉnh "):
            if name.startswith(prefix):
                name = name[len(prefix):]
        name = name or "Chưa khai báo"
        kind = "thành phố" if name in CITIES or raw.lower().startswith("thành phố") else "tỉnh"
        province, _ = Province.objects.get_or_create(slug=slugify(name.replace("đ", "d").replace("Đ", "D")) or "p",
                                                     defaults={"name": name, "kind_label": kind})
        commune.province_ref = province
        commune.save(update_fields=["province_ref"])


def backwards(apps, schema_editor):
    Commune = apps.get_model("directory", "Commune")
    for commune in Commune.objects.select_related("province_ref"):
        commune.province = commune.province_ref.name if commune.province_ref else ""
        commune.save(update_fields=["province"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_province")]

    operations = [migrations.RunPython(forwards, backwards)]
