"""Book the reward money of the decisions issued before the award fund existed (and the money of awards revoked
since), so that an upgraded deployment's ledger is right from its first day. Books nothing twice."""

from decimal import Decimal

from django.db import migrations
from django.db.models import Sum


def book(apps, schema_editor):
    FundEntry = apps.get_model("funds", "FundEntry")
    AwardDecision = apps.get_model("awards", "AwardDecision")
    Award = apps.get_model("awards", "Award")
    ProvinceDecision = apps.get_model("provinces", "ProvinceDecision")

    def entry(**fields):
        fields["year"] = fields["booked_on"].year
        return FundEntry(**fields)

    entries = []
    issued = (AwardDecision.objects.filter(decider="commune", status="issued", document__isnull=False)
              .exclude(fund_entries__kind="awards").select_related("document", "document__series"))
    paid = {}
    for decision in issued:
        total = decision.awards.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        if total > 0:
            code = f"{decision.document.number:02d}/{decision.document.doc_type}-{decision.document.series.code}"
            entries.append(entry(commune_id=decision.commune_id, booked_on=decision.document.issued_on, kind="awards",
                                 amount=total, decision=decision,
                                 description=f"Chi tiền thưởng theo Quyết định số {code}"))
            paid[decision.pk] = decision.commune_id
    for decision in (ProvinceDecision.objects.filter(status="issued", document__isnull=False)
                     .exclude(fund_entries__kind="awards").select_related("document", "document__series")):
        total = Award.objects.filter(decision__dossier__decision=decision).aggregate(
            total=Sum("amount"))["total"] or Decimal(0)
        if total > 0:
            code = f"{decision.document.number:02d}/{decision.document.doc_type}-{decision.document.series.code}"
            entries.append(entry(province_id=decision.province_id, booked_on=decision.document.issued_on,
                                 kind="awards", amount=total, province_decision=decision,
                                 description=f"Chi tiền thưởng theo Quyết định số {code}"))
    for award in (Award.objects.filter(status="revoked", decision_id__in=list(paid), revoked_on__isnull=False,
                                       amount__gt=0).select_related("title")):
        entries.append(entry(commune_id=paid[award.decision_id], booked_on=award.revoked_on, kind="recovered",
                             amount=award.amount, award=award, decision_id=award.decision_id,
                             description=f"Thu hồi tiền thưởng: {award.title.name} – {award.recipient_name} "
                                         f"({award.revocation_reason})"[:300]))
    FundEntry.objects.bulk_create(entries)


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0001_fund_entries"),
    ]

    operations = [migrations.RunPython(book, migrations.RunPython.noop)]
