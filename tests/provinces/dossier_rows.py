"""Dossiers sent up, made directly in the database (the sending itself is provinces.dossiers' and its tests')."""

import datetime

from django.db.models import Max
from django.utils import timezone

from awards.enums import Decider
from awards.models import AwardDecision
from provinces.enums import DossierStatus
from provinces.models import Dossier

from .. import factories as f


def sent_dossier(commune, *, year=2022, received_on, status=DossierStatus.SENT, by=None) -> Dossier:
    """A dossier of `commune`'s proposal to the province's chairman, first arrived on `received_on`."""
    proposal = AwardDecision.objects.create(commune=commune, year=year, decider=Decider.PROVINCE_CHAIRMAN)
    number = (Dossier.objects.filter(province=commune.province, year=year)
              .aggregate(n=Max("receipt_number"))["n"] or 0) + 1
    sent_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(9)))
    return Dossier.objects.create(province=commune.province, commune=commune, year=year, proposal=proposal,
                                  status=status, receipt_number=number, received_on=received_on, sent_at=sent_at,
                                  sent_by=by or f.UserFactory(username=f"gui-{commune.slug}"))
