import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_base_salaries"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DecisionWithdrawal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("reason", models.TextField(verbose_name="reason")),
                ("at", models.DateTimeField(auto_now_add=True, verbose_name="withdrawn at")),
                ("by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                         to=settings.AUTH_USER_MODEL, verbose_name="withdrawn by")),
                ("decision", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                               related_name="withdrawals", to="awards.awarddecision",
                                               verbose_name="decision")),
                ("nomination", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                                 related_name="withdrawals", to="awards.nomination",
                                                 verbose_name="nomination")),
            ],
            options={
                "verbose_name": "nomination withdrawn from a decision",
                "verbose_name_plural": "nominations withdrawn from decisions",
                "ordering": ["at", "pk"],
            },
        ),
    ]
