import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from campaigns.models import Campaign, CampaignTarget, Paragraph, Plan, Section
from directory.enums import Gender, UnitKind
from directory.models import Commune, Person, Province, ProvinceOperator, RoleAssignment, Unit
from documents.models import Document, Series
from timeline.models import TimelineTask

PASSWORD = "mat-khau-thu-nghiem"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["slug"]

    name = "Hà Nội"
    kind_label = "thành phố"
    slug = factory.LazyAttribute(lambda p: slugify(p.name.replace("đ", "d").replace("Đ", "D")))


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    name = factory.Sequence(lambda n: f"Xã {n}")
    slug = factory.Sequence(lambda n: f"xa-{n}")
    parent_authority = "thị xã Sơn Tây"
    province = factory.SubFactory(ProvinceFactory)


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProvinceOperator

    province = factory.SubFactory(ProvinceFactory)
    user = factory.SubFactory(UserFactory)
    full_name = "Đinh Thị Thu"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    commune = factory.SubFactory(CommuneFactory)
    kind = UnitKind.HAMLET
    name = factory.Sequence(lambda n: f"Thôn {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    commune = factory.SubFactory(CommuneFactory)
    unit = None
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Người{n}")
    gender = Gender.MALE
    position = "Cán bộ"


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ["commune", "code"]

    commune = factory.SubFactory(CommuneFactory)
    code = "UBND"
    name = "Ủy ban nhân dân xã"
    issuing_body = factory.LazyAttribute(lambda series: f"ỦY BAN NHÂN DÂN\n{series.commune.upper_name}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    series = factory.SubFactory(SeriesFactory)
    doc_type = "KH"
    number = factory.Sequence(lambda n: n + 1)
    issued_on = datetime.date(2022, 1, 4)
    place = factory.LazyAttribute(lambda document: document.series.commune.place)
    summary = "Công tác thi đua, khen thưởng năm 2022"
    signer_name = "Hoàng Văn Vân"
    recipients = factory.LazyAttribute(lambda document: f"UBND {document.series.commune.upper_level};\nLưu: VT")


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    commune = factory.SubFactory(CommuneFactory)
    year = 2022
    document = factory.SubFactory(DocumentFactory, series__commune=factory.SelfAttribute("...commune"))
    appendix_title = "Tiến độ thực hiện một số nhiệm vụ công tác thi đua, khen thưởng năm 2022"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    label = "I."
    title = "MỤC ĐÍCH, YÊU CẦU"


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paragraph

    section = factory.SubFactory(SectionFactory)
    text = "Đẩy mạnh phong trào thi đua yêu nước trên tất cả các lĩnh vực."


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"Phong trào thi đua số {n}")
    content = "Thực hiện hiệu quả Chương trình mục tiêu quốc gia giảm nghèo bền vững,"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignTarget

    campaign = factory.SubFactory(CampaignFactory)
    text = "phấn đấu giảm 20% số hộ nghèo theo chuẩn mới của Thành phố"
    value = 20
    unit_of_measure = "%"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimelineTask

    plan = factory.SubFactory(PlanFactory)
    content = "Tổng hợp hồ sơ xét khen thưởng gửi Cụm trưởng và thị xã"
    directs = "Chủ tịch UBND"
    does = "Văn phòng – Thống kê"
    supports = "Cán bộ, công chức"
    due_on = datetime.date(2022, 11, 15)
