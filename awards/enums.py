from django.db import models
from django.utils.translation import gettext_lazy as _


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")
    HOUSEHOLD = "household", _("Household")
    HAMLET = "hamlet", _("Hamlet or residential group")


class TitleKind(models.TextChoices):
    EMULATION_TITLE = "title", _("Emulation title")
    AWARD_FORM = "award", _("Award form")


class Decider(models.TextChoices):
    COMMUNE_CHAIRMAN = "commune", _("Chairman of the commune People's Committee")
    DISTRICT_CHAIRMAN = "district", _("Chairman of the town/district People's Committee")
    PROVINCE_CHAIRMAN = "province", _("Chairman of the provincial People's Committee")


class NominationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_BALLOT = "in_ballot", _("In ballot")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Not passed")


class BallotStatus(models.TextChoices):
    OPEN = "open", _("Voting open")
    CLOSED = "closed", _("Voting closed")
    PUBLISHED = "published", _("Result published")


class BallotChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ISSUED = "issued", _("Decided")


class AwardStatus(models.TextChoices):
    ACTIVE = "active", _("In force")
    REVOKED = "revoked", _("Revoked")


class BlankField(models.TextChoices):
    """The fields printed onto a pre-printed certificate blank (phôi giấy khen), each at its own position."""

    RECIPIENT = "recipient", _("Recipient's name")
    UNIT = "unit", _("Position, unit or address")
    ACHIEVEMENT = "achievement", _("Achievement or title")
    DECISION = "decision", _("Decision number and date")
    PLACE_DATE = "place_date", _("Place and date")
    SIGNER = "signer", _("Signer's name")
    QR = "qr", _("Verification QR code")


class Alignment(models.TextChoices):
    LEFT = "left", _("Left")
    CENTER = "center", _("Centre")
    RIGHT = "right", _("Right")
