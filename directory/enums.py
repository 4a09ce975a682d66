from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    HAMLET = "hamlet", _("Hamlet")
    RESIDENTIAL_GROUP = "residential_group", _("Residential group")
    SECTION = "section", _("Specialist section")
    ORGANISATION = "organisation", _("Front or mass organisation")
    AGENCY = "agency", _("Committee or agency")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class PersonKind(models.TextChoices):
    OFFICIAL = "official", _("Official or employee")
    RESIDENT = "resident", _("Resident")


class Role(models.TextChoices):
    OFFICE_STAFF = "office_staff", _("Office staff")
    COUNCIL_MEMBER = "council_member", _("Council member")
    CHAIRMAN = "chairman", _("Chairman")


class ProvinceKind(models.TextChoices):
    # The values are the words printed before the name ("thành phố Hà Nội"), so they stay Vietnamese.
    PROVINCE = "tỉnh", _("Province")
    CITY = "thành phố", _("Centrally-run city")


class CommuneKind(models.TextChoices):
    COMMUNE = "xã", _("Rural commune")
    WARD = "phường", _("Ward")
    SPECIAL_ZONE = "đặc khu", _("Special zone")
