"""A cluster belongs to a province: filled from its head commune's province, then required."""

import django.db.models.deletion
from django.db import migrations, models


def fill_province(apps, schema_editor):
    Cluster = apps.get_model("scoring", "Cluster")
    HistoricalCluster = apps.get_model("scoring", "HistoricalCluster")
    for cluster in Cluster.objects.select_related("head"):
        Cluster.objects.filter(pk=cluster.pk).update(province_id=cluster.head.province_id)
        HistoricalCluster.objects.filter(id=cluster.pk).update(province_id=cluster.head.province_id)


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0008_commune_kind_label"),
        ("scoring", "0003_lock_version_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="cluster",
            name="province",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="clusters",
                                    to="directory.province", verbose_name="province"),
        ),
        migrations.AddField(
            model_name="historicalcluster",
            name="province",
            field=models.ForeignKey(blank=True, db_constraint=False, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to="directory.province", verbose_name="province"),
        ),
        migrations.RunPython(fill_province, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="cluster",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="clusters",
                                    to="directory.province", verbose_name="province"),
        ),
        migrations.RemoveConstraint(
            model_name="cluster",
            name="scoring_cluster_unique_name_year",
        ),
        migrations.AddConstraint(
            model_name="cluster",
            constraint=models.UniqueConstraint(fields=("province", "name", "year"),
                                               name="scoring_cluster_unique_name_year"),
        ),
    ]
