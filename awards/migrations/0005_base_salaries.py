import datetime
from decimal import Decimal

from django.db import migrations

# Lương cơ sở by decree; the office adds later values in the admin.
BASE_SALARIES = [
    (datetime.date(2019, 7, 1), Decimal("1490000"), "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), Decimal("1800000"), "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), Decimal("2340000"), "Nghị định 73/2024/NĐ-CP"),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for effective_from, amount, basis in BASE_SALARIES:
        BaseSalary.objects.get_or_create(effective_from=effective_from,
                                         defaults={"amount": amount, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("awards", "0004_decisions_awards")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
